using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>Reminders of appointments, tasks and bookings. Written by hand; <c>MigrationSchemaTests</c> proves it matches the model.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "reminders",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                kind = table.Column<string>(nullable: false),
                source_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: true),
                contact_id = table.Column<Guid>(nullable: true),
                due_at = table.Column<DateTime>(nullable: false),
                status = table.Column<string>(nullable: false),
                text = table.Column<string>(nullable: false),
                channel = table.Column<string>(nullable: true),
                recipient = table.Column<string>(nullable: true),
                attempts = table.Column<int>(nullable: false),
                claim_token = table.Column<Guid>(nullable: true),
                claimed_until = table.Column<DateTime>(nullable: true),
                error = table.Column<string>(nullable: true),
                sent_at = table.Column<DateTime>(nullable: true),
                sent_by = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_reminders", x => x.id);
                table.ForeignKey("fk_reminders_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_reminders_tenant_id_kind_source_id", "reminders", ["tenant_id", "kind", "source_id"], unique: true);
        migrationBuilder.CreateIndex("ix_reminders_status_due_at", "reminders", ["status", "due_at"]);
        migrationBuilder.CreateIndex("ix_reminders_tenant_id", "reminders", "tenant_id");

        RowLevelSecurity.EnableOn(migrationBuilder, "reminders");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("reminders");
}
