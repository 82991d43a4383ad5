namespace Conversa.Infrastructure.Tenancy;

/// <summary>The PostgreSQL policy put on every tenant table by the migrations.</summary>
public static class RowLevelSecurity
{
    /// <summary>Puts the tenant policy on each table when the migration runs on PostgreSQL (SQLite has no RLS).</summary>
    public static void EnableOn(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, params string[] tables)
    {
        if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }
        foreach (var table in tables)
        {
            migrationBuilder.Sql(EnableFor(table));
        }
    }

    private const string Predicate =
        "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid " +
        "OR current_setting('app.bypass_rls', true) = 'on'";

    public static string EnableFor(string table) =>
        $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON {table} USING ({Predicate}) WITH CHECK ({Predicate});
        """;
}
