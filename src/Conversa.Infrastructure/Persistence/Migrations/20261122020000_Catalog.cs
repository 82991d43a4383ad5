using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Products, catalog snapshots and short links. Written by hand like <see cref="Initial"/>; prices are
/// bigint ten-thousandths (see <c>Money</c>). <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_Catalog")]
public sealed class Catalog : Migration
{
    private static readonly string[] Tables = ["products", "catalog_snapshots", "short_links"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "products",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                name = table.Column<string>(nullable: false),
                description = table.Column<string>(nullable: true),
                price = table.Column<long>(nullable: false),
                currency = table.Column<string>(nullable: false),
                sku = table.Column<string>(nullable: true),
                category = table.Column<string>(nullable: true),
                stock = table.Column<int>(nullable: true),
                active = table.Column<bool>(nullable: false),
                attributes_json = table.Column<string>(nullable: false),
                image_url = table.Column<string>(nullable: true),
                url = table.Column<string>(nullable: true),
                search_text = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_products", x => x.id);
                table.ForeignKey("fk_products_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_products_tenant_id_sku", "products", ["tenant_id", "sku"], unique: true);
        migrationBuilder.CreateIndex("ix_products_tenant_id", "products", "tenant_id");

        migrationBuilder.CreateTable(
            name: "catalog_snapshots",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                version = table.Column<string>(nullable: false),
                products_json = table.Column<string>(nullable: false),
                product_count = table.Column<int>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                activated_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_catalog_snapshots", x => x.id);
                table.ForeignKey("fk_catalog_snapshots_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_catalog_snapshots_tenant_id", "catalog_snapshots", "tenant_id");

        migrationBuilder.CreateTable(
            name: "short_links",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                code = table.Column<string>(nullable: false),
                url = table.Column<string>(nullable: false),
                utm_source = table.Column<string>(nullable: true),
                utm_medium = table.Column<string>(nullable: true),
                utm_campaign = table.Column<string>(nullable: true),
                clicks = table.Column<long>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                last_clicked_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_short_links", x => x.id);
                table.ForeignKey("fk_short_links_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_short_links_code", "short_links", "code", unique: true);
        migrationBuilder.CreateIndex("ix_short_links_tenant_id", "short_links", "tenant_id");

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
