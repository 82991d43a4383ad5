using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Each staff user's own appointments, tasks and linked WhatsApp number. Written by hand like <see cref="Initial"/>;
/// rows cascade from their tenant and from their user. <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_Personal")]
public sealed class Personal : Migration
{
    private static readonly string[] Tables = ["personal_appointments", "personal_tasks", "linked_phones"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "personal_appointments",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                title = table.Column<string>(nullable: false),
                description = table.Column<string>(nullable: true),
                start_at = table.Column<DateTime>(nullable: false),
                end_at = table.Column<DateTime>(nullable: false),
                location = table.Column<string>(nullable: true),
                attendees = table.Column<string>(nullable: false),
                category = table.Column<string>(nullable: true),
                reminder_minutes = table.Column<int>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_personal_appointments", x => x.id);
                table.ForeignKey("fk_personal_appointments_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_personal_appointments_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_personal_appointments_user_id_start_at", "personal_appointments", ["user_id", "start_at"]);
        migrationBuilder.CreateIndex("ix_personal_appointments_tenant_id", "personal_appointments", "tenant_id");

        migrationBuilder.CreateTable(
            name: "personal_tasks",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                title = table.Column<string>(nullable: false),
                description = table.Column<string>(nullable: true),
                due_at = table.Column<DateTime>(nullable: true),
                due_all_day = table.Column<bool>(nullable: false),
                priority = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                category = table.Column<string>(nullable: true),
                reminder_minutes = table.Column<int>(nullable: true),
                completed_at = table.Column<DateTime>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_personal_tasks", x => x.id);
                table.ForeignKey("fk_personal_tasks_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_personal_tasks_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_personal_tasks_user_id_due_at", "personal_tasks", ["user_id", "due_at"]);
        migrationBuilder.CreateIndex("ix_personal_tasks_tenant_id", "personal_tasks", "tenant_id");

        migrationBuilder.CreateTable(
            name: "linked_phones",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                user_id = table.Column<Guid>(nullable: false),
                phone = table.Column<string>(nullable: false),
                linked_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_linked_phones", x => x.id);
                table.ForeignKey("fk_linked_phones_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_linked_phones_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_linked_phones_user_id_tenant_id", "linked_phones", ["user_id", "tenant_id"], unique: true);
        migrationBuilder.CreateIndex("ix_linked_phones_tenant_id_phone", "linked_phones", ["tenant_id", "phone"], unique: true);
        migrationBuilder.CreateIndex("ix_linked_phones_tenant_id", "linked_phones", "tenant_id");

        RowLevelSecurity.EnableOn(migrationBuilder, Tables);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables.Reverse())
        {
            migrationBuilder.DropTable(table);
        }
    }
}
