using Conversa.Infrastructure.Persistence.Booking;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Contacts, services, providers (with the services they perform) and bookings. Written by hand like the others;
/// <c>MigrationSchemaTests</c> proves it matches the model. On PostgreSQL it also adds what the model cannot say:
/// the exclusion constraint that makes two live bookings of one provider over overlapping times impossible.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_Booking")]
public sealed class Booking : Migration
{
    private static readonly string[] Tables = ["contacts", "services", "providers", "provider_services", "bookings"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "contacts",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                phone = table.Column<string>(nullable: true),
                email = table.Column<string>(nullable: true),
                search_text = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_contacts", x => x.id);
                table.ForeignKey("fk_contacts_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_contacts_tenant_id_phone", "contacts", ["tenant_id", "phone"], unique: true);
        migrationBuilder.CreateIndex("ix_contacts_tenant_id_email", "contacts", ["tenant_id", "email"]);
        migrationBuilder.CreateIndex("ix_contacts_tenant_id", "contacts", "tenant_id");

        migrationBuilder.CreateTable(
            name: "services",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                slug = table.Column<string>(nullable: false),
                duration_minutes = table.Column<int>(nullable: false),
                buffer_minutes = table.Column<int>(nullable: false),
                price = table.Column<long>(nullable: true),
                currency = table.Column<string>(nullable: false),
                description = table.Column<string>(nullable: true),
                active = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_services", x => x.id);
                table.ForeignKey("fk_services_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_services_tenant_id_slug", "services", ["tenant_id", "slug"], unique: true);
        migrationBuilder.CreateIndex("ix_services_tenant_id", "services", "tenant_id");

        migrationBuilder.CreateTable(
            name: "providers",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                timezone = table.Column<string>(nullable: true),
                active = table.Column<bool>(nullable: false),
                hours_json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_providers", x => x.id);
                table.ForeignKey("fk_providers_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_providers_tenant_id", "providers", "tenant_id");

        migrationBuilder.CreateTable(
            name: "provider_services",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                provider_id = table.Column<Guid>(nullable: false),
                service_id = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_provider_services", x => x.id);
                table.ForeignKey("fk_provider_services_providers_provider_id", x => x.provider_id, "providers", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_provider_services_services_service_id", x => x.service_id, "services", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_provider_services_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_provider_services_tenant_id_provider_id_service_id", "provider_services",
            ["tenant_id", "provider_id", "service_id"], unique: true);
        migrationBuilder.CreateIndex("ix_provider_services_provider_id", "provider_services", "provider_id");
        migrationBuilder.CreateIndex("ix_provider_services_service_id", "provider_services", "service_id");
        migrationBuilder.CreateIndex("ix_provider_services_tenant_id", "provider_services", "tenant_id");

        migrationBuilder.CreateTable(
            name: "bookings",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                service_id = table.Column<Guid>(nullable: false),
                provider_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                start_at = table.Column<DateTime>(nullable: false),
                end_at = table.Column<DateTime>(nullable: false),
                blocked_until = table.Column<DateTime>(nullable: false),
                status = table.Column<string>(nullable: false),
                notes = table.Column<string>(nullable: true),
                cancelled_at = table.Column<DateTime>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
                version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_bookings", x => x.id);
                // NO ACTION is checked at the end of the statement, so deleting a tenant cascades through bookings and what they name.
                table.ForeignKey("fk_bookings_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.NoAction);
                table.ForeignKey("fk_bookings_providers_provider_id", x => x.provider_id, "providers", "id", onDelete: ReferentialAction.NoAction);
                table.ForeignKey("fk_bookings_services_service_id", x => x.service_id, "services", "id", onDelete: ReferentialAction.NoAction);
                table.ForeignKey("fk_bookings_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_bookings_tenant_id_provider_id_start_at", "bookings", ["tenant_id", "provider_id", "start_at"]);
        migrationBuilder.CreateIndex("ix_bookings_tenant_id_start_at", "bookings", ["tenant_id", "start_at"]);
        migrationBuilder.CreateIndex("ix_bookings_contact_id", "bookings", "contact_id");
        migrationBuilder.CreateIndex("ix_bookings_provider_id", "bookings", "provider_id");
        migrationBuilder.CreateIndex("ix_bookings_service_id", "bookings", "service_id");
        migrationBuilder.CreateIndex("ix_bookings_tenant_id", "bookings", "tenant_id");

        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // The database itself refuses a second live booking of a provider over an overlapping [start, end + buffer):
            // whatever races past the application's check, 23P01 answers it. btree_gist lets uuid equality share the GiST index.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql($"""
                ALTER TABLE bookings ADD CONSTRAINT {BookingConfiguration.NoOverlapConstraint}
                EXCLUDE USING gist (tenant_id WITH =, provider_id WITH =, tstzrange(start_at, blocked_until, '[)') WITH &&)
                WHERE (status <> 'cancelled');
                """);
        }

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
