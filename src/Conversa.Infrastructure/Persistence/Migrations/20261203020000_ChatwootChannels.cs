using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>Tenants' Chatwoot connections. Written by hand; <c>MigrationSchemaTests</c> proves it matches the model.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203020000_ChatwootChannels")]
public sealed class ChatwootChannels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "chatwoot_channels",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                base_url = table.Column<string>(nullable: false),
                account_id = table.Column<long>(nullable: false),
                inbox_id = table.Column<long>(nullable: true),
                routing_key = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_chatwoot_channels", x => x.id);
                table.ForeignKey("fk_chatwoot_channels_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_chatwoot_channels_tenant_id", "chatwoot_channels", "tenant_id", unique: true);
        migrationBuilder.CreateIndex("ix_chatwoot_channels_routing_key", "chatwoot_channels", "routing_key", unique: true);

        RowLevelSecurity.EnableOn(migrationBuilder, "chatwoot_channels");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("chatwoot_channels");
}
