using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// <c>contacts.external_ref</c>: how a channel knows a contact that has no phone (an API client's id, a widget
/// visitor, a staff user), unique per tenant. Null for existing contacts.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202000000_ContactExternalRef")]
public sealed class ContactExternalRef : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "external_ref", table: "contacts", nullable: true);
        migrationBuilder.CreateIndex("ix_contacts_tenant_id_external_ref", "contacts", ["tenant_id", "external_ref"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_contacts_tenant_id_external_ref", "contacts");
        migrationBuilder.DropColumn("external_ref", "contacts");
    }
}
