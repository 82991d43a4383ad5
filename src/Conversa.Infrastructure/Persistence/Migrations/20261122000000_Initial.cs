using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Tenancy, identity, plans and audit. Written by hand (the EF Design package does not restore here);
/// column types come from the provider's mapping of each CLR type, so one migration serves SQLite and
/// PostgreSQL. <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tenants",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                slug = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                sector = table.Column<string>(nullable: false),
                plan = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                timezone = table.Column<string>(nullable: false),
                language = table.Column<string>(nullable: false),
                currency = table.Column<string>(nullable: false),
                settings_json = table.Column<string>(nullable: false),
                limits_json = table.Column<string>(nullable: true),
                isolation = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_tenants", x => x.id));
        migrationBuilder.CreateIndex("ix_tenants_slug", "tenants", "slug", unique: true);

        migrationBuilder.CreateTable(
            name: "plans",
            columns: table => new
            {
                name = table.Column<string>(nullable: false),
                limits = table.Column<string>(nullable: false),
                rate_limit_per_minute = table.Column<int>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_plans", x => x.name));

        migrationBuilder.CreateTable(
            name: "platform_admins",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                email = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                password_hash = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                last_login_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_platform_admins", x => x.id));
        migrationBuilder.CreateIndex("ix_platform_admins_email", "platform_admins", "email", unique: true);

        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: true),
                action = table.Column<string>(nullable: false),
                actor_kind = table.Column<string>(nullable: false),
                actor_id = table.Column<string>(nullable: true),
                actor_email = table.Column<string>(nullable: true),
                target = table.Column<string>(nullable: true),
                detail_json = table.Column<string>(nullable: true),
                ip = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_audit_events", x => x.id));
        migrationBuilder.CreateIndex("ix_audit_events_tenant_id_created_at", "audit_events", ["tenant_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                email = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                role = table.Column<string>(nullable: false),
                password_hash = table.Column<string>(nullable: false),
                phone = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                last_login_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.ForeignKey("fk_users_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_users_email", "users", "email", unique: true);
        migrationBuilder.CreateIndex("ix_users_tenant_id", "users", "tenant_id");

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                kind = table.Column<string>(nullable: false),
                key_hash = table.Column<string>(nullable: false),
                prefix = table.Column<string>(nullable: false),
                allowed_origins = table.Column<string>(nullable: false),
                rate_limit_per_minute = table.Column<int>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                revoked_at = table.Column<DateTime>(nullable: true),
                last_used_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_keys", x => x.id);
                table.ForeignKey("fk_api_keys_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_api_keys_key_hash", "api_keys", "key_hash", unique: true);
        migrationBuilder.CreateIndex("ix_api_keys_tenant_id", "api_keys", "tenant_id");

        migrationBuilder.CreateTable(
            name: "tenant_secrets",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                ciphertext = table.Column<byte[]>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_tenant_secrets", x => x.id);
                table.ForeignKey("fk_tenant_secrets_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_tenant_secrets_tenant_id_name", "tenant_secrets", ["tenant_id", "name"], unique: true);
        migrationBuilder.CreateIndex("ix_tenant_secrets_tenant_id", "tenant_secrets", "tenant_id");

        RowLevelSecurity.EnableOn(migrationBuilder, "users", "api_keys", "tenant_secrets");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "tenant_secrets", "api_keys", "users", "audit_events", "platform_admins", "plans", "tenants" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
