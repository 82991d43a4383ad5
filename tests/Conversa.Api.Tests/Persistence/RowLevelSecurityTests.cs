using Conversa.Api.Tests.Support;
using Npgsql;

namespace Conversa.Api.Tests.Persistence;

/// <summary>PostgreSQL re-checks the tenant: raw SQL that forgets it sees nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RowLevelSecurityTests(PostgresFactory app)
{
    [Fact]
    public async Task Raw_sql_without_a_tenant_sees_no_tenant_rows()
    {
        await app.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();

        foreach (var table in new[] { "users", "api_keys", "tenant_secrets" })
        {
            (await Count(connection, $"SELECT count(*) FROM {table}")).Should().Be(0, $"{table} is tenant-owned");
        }
        (await Count(connection, "SELECT count(*) FROM tenants")).Should().BeGreaterThan(0, "the tenant catalog is global");
    }

    [Fact]
    public async Task Raw_sql_bound_to_a_tenant_sees_only_that_tenant()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await BindAsync(connection, a.Id);

        (await Count(connection, "SELECT count(*) FROM users")).Should().Be(1);
        (await Count(connection, $"SELECT count(*) FROM api_keys WHERE tenant_id = '{b.Id}'")).Should().Be(0);
    }

    [Fact]
    public async Task Writing_a_row_for_another_tenant_is_rejected_by_the_database()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await BindAsync(connection, a.Id);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO api_keys (id, tenant_id, name, kind, key_hash, prefix, allowed_origins, created_at) " +
            "VALUES (gen_random_uuid(), @b, 'x', 'secret', @h, 'sk_x', '[]', now())", connection);
        insert.Parameters.AddWithValue("b", b.Id);
        insert.Parameters.AddWithValue("h", Guid.NewGuid().ToString("N"));

        var act = () => insert.ExecuteNonQueryAsync();
        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("42501");
    }

    [Fact]
    public async Task The_application_role_owns_no_table()
    {
        await app.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        (await Count(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"))
            .Should().Be(0);
        (await Count(connection, "SELECT count(*) FROM pg_class WHERE relname = 'users' AND relforcerowsecurity")).Should().Be(1);
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_forced_row_level_security_except_the_audit_trail()
    {
        await app.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c
            JOIN information_schema.columns col ON col.table_name = c.relname AND col.table_schema = 'public' AND col.column_name = 'tenant_id'
            WHERE c.relkind = 'r' AND c.relname <> 'audit_events' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
            """, connection);
        var unprotected = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            unprotected.Add(reader.GetString(0));
        }
        unprotected.Should().BeEmpty("every tenant table gets RowLevelSecurity.EnableFor in its migration");
    }

    private static async Task BindAsync(NpgsqlConnection connection, Guid tenantId)
    {
        await using var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection);
        bind.Parameters.AddWithValue("t", tenantId.ToString());
        await bind.ExecuteScalarAsync();
    }

    private static async Task<long> Count(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
