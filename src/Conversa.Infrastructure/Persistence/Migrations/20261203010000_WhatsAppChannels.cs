using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Each tenant's WhatsApp Cloud API number; its tokens live encrypted in <c>tenant_secrets</c>. Written by hand;
/// <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203010000_WhatsAppChannels")]
public sealed class WhatsAppChannels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "whatsapp_channels",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                phone_number_id = table.Column<string>(nullable: false),
                waba_id = table.Column<string>(nullable: false),
                display_phone_number = table.Column<string>(nullable: true),
                reminder_template_name = table.Column<string>(nullable: true),
                reminder_template_language = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_whatsapp_channels", x => x.id);
                table.ForeignKey("fk_whatsapp_channels_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_whatsapp_channels_phone_number_id", "whatsapp_channels", "phone_number_id", unique: true);
        migrationBuilder.CreateIndex("ix_whatsapp_channels_one_per_tenant", "whatsapp_channels", "tenant_id", unique: true);
        migrationBuilder.CreateIndex("ix_whatsapp_channels_tenant_id", "whatsapp_channels", "tenant_id");

        RowLevelSecurity.EnableOn(migrationBuilder, "whatsapp_channels");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("whatsapp_channels");
}
