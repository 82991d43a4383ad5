using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// The durable inbox (<c>webhook_deliveries</c>, <c>inbox_items</c>: global, written before the tenant is known and
/// reached only through <c>Tenancy/InboxStore</c>) and the outbox (<c>outbox_messages</c>: tenant-owned, forced RLS,
/// claimed across tenants by <c>Tenancy/OutboxClaims</c>). Written by hand; <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203000000_ChannelQueues")]
public sealed class ChannelQueues : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "webhook_deliveries",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                headers = table.Column<string>(nullable: false),
                body = table.Column<byte[]>(nullable: false),
                received_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_webhook_deliveries", x => x.id));
        migrationBuilder.CreateIndex("ix_webhook_deliveries_received_at", "webhook_deliveries", "received_at");

        migrationBuilder.CreateTable(
            name: "inbox_items",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                delivery_id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                dedup_key = table.Column<string>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: true),
                kind = table.Column<string>(nullable: false),
                payload = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                attempts = table.Column<int>(nullable: false),
                claim_token = table.Column<Guid>(nullable: true),
                claimed_until = table.Column<DateTime>(nullable: true),
                error = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                processed_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_inbox_items", x => x.id);
                table.ForeignKey("fk_inbox_items_webhook_deliveries_delivery_id", x => x.delivery_id, "webhook_deliveries", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_inbox_items_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_inbox_items_channel_dedup_key", "inbox_items", ["channel", "dedup_key"], unique: true);
        migrationBuilder.CreateIndex("ix_inbox_items_status_claimed_until", "inbox_items", ["status", "claimed_until"]);
        migrationBuilder.CreateIndex("ix_inbox_items_delivery_id", "inbox_items", "delivery_id");
        migrationBuilder.CreateIndex("ix_inbox_items_tenant_id", "inbox_items", "tenant_id");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                purpose = table.Column<string>(nullable: false),
                kind = table.Column<string>(nullable: false),
                reference_id = table.Column<Guid>(nullable: false),
                conversation_channel = table.Column<string>(nullable: true),
                conversation_id = table.Column<Guid>(nullable: true),
                thread_id = table.Column<string>(nullable: true),
                recipient = table.Column<string>(nullable: true),
                text = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                attempts = table.Column<int>(nullable: false),
                due_at = table.Column<DateTime>(nullable: false),
                claim_token = table.Column<Guid>(nullable: true),
                claimed_until = table.Column<DateTime>(nullable: true),
                error = table.Column<string>(nullable: true),
                provider_message_id = table.Column<string>(nullable: true),
                sent_at = table.Column<DateTime>(nullable: true),
                sent_by = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_outbox_messages", x => x.id);
                table.ForeignKey("fk_outbox_messages_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_outbox_messages_status_due_at", "outbox_messages", ["status", "due_at"]);
        migrationBuilder.CreateIndex("ix_outbox_messages_tenant_id", "outbox_messages", "tenant_id");

        // inbox_items is global but still carries tenant_id: forced RLS keeps a tenant-bound session to its own items,
        // and the inbox store (which works without a tenant) opens its sessions with the bypass.
        RowLevelSecurity.EnableOn(migrationBuilder, "outbox_messages", "inbox_items");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("outbox_messages");
        migrationBuilder.DropTable("inbox_items");
        migrationBuilder.DropTable("webhook_deliveries");
    }
}
