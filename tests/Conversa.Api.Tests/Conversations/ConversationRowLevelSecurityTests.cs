using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Npgsql;

namespace Conversa.Api.Tests.Conversations;

/// <summary>PostgreSQL re-checks the tenant on the conversation tables too: raw SQL without the right tenant sees nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversationRowLevelSecurityTests(PostgresFactory app)
{
    private static readonly string[] Tables = ["conversations", "conversation_messages", "contact_contexts"];

    [Fact]
    public async Task Raw_sql_sees_conversations_only_when_bound_to_their_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        await app.ConversationAsync(tenant, contact, ConversationChannel.Whatsapp, ("hola", "¡Hola!"));
        await app.StoreAsync(tenant, async s => await s.SaveContextAsync(await s.LoadContextAsync(contact, CancellationToken.None), CancellationToken.None));

        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        foreach (var table in Tables)
        {
            (await CountAsync(connection, table, tenant.Id)).Should().Be(0, $"{table} without a tenant");
        }
        await BindAsync(connection, other.Id);
        foreach (var table in Tables)
        {
            (await CountAsync(connection, table, tenant.Id)).Should().Be(0, $"{table} bound to another tenant");
        }
        await BindAsync(connection, tenant.Id);
        (await CountAsync(connection, "conversations", tenant.Id)).Should().Be(1);
        (await CountAsync(connection, "conversation_messages", tenant.Id)).Should().Be(2);
        (await CountAsync(connection, "contact_contexts", tenant.Id)).Should().Be(1);
    }

    private static async Task BindAsync(NpgsqlConnection connection, Guid tenantId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection);
        command.Parameters.AddWithValue("t", tenantId.ToString());
        await command.ExecuteScalarAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, Guid tenantId)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenantId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
