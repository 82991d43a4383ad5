using Conversa.Infrastructure.Persistence.Conversations;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Conversations, their messages and each contact's context. Written by hand like <see cref="Initial"/>; rows cascade
/// from their tenant and their contact (messages from their conversation). <c>MigrationSchemaTests</c> proves it
/// matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122060000_Conversations")]
public sealed class Conversations : Migration
{
    private static readonly string[] Tables = ["conversations", "conversation_messages", "contact_contexts"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "conversations",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                assistant = table.Column<string>(nullable: false),
                user_id = table.Column<Guid>(nullable: true),
                external_id = table.Column<string>(nullable: true),
                status = table.Column<string>(nullable: false),
                bot_enabled = table.Column<bool>(nullable: false),
                handoff_reason = table.Column<string>(nullable: true),
                handoff_at = table.Column<DateTime>(nullable: true),
                last_message_at = table.Column<DateTime>(nullable: false),
                message_count = table.Column<int>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_conversations", x => x.id);
                table.ForeignKey("fk_conversations_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_conversations_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_conversations_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_conversations_tenant_id_last_message_at", "conversations", ["tenant_id", "last_message_at"]);
        migrationBuilder.CreateIndex("ix_conversations_tenant_id_channel_external_id", "conversations", ["tenant_id", "channel", "external_id"], unique: true);
        migrationBuilder.CreateIndex(ConversationConfiguration.OpenThreadIndex, "conversations", ["tenant_id", "contact_id", "channel", "assistant"],
            unique: true, filter: ConversationConfiguration.OpenThreadFilter);
        migrationBuilder.CreateIndex("ix_conversations_contact_id", "conversations", "contact_id");
        migrationBuilder.CreateIndex("ix_conversations_user_id", "conversations", "user_id");
        migrationBuilder.CreateIndex("ix_conversations_tenant_id", "conversations", "tenant_id");

        migrationBuilder.CreateTable(
            name: "conversation_messages",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                conversation_id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                sequence = table.Column<int>(nullable: false),
                role = table.Column<string>(nullable: false),
                content = table.Column<string>(nullable: false),
                agent = table.Column<string>(nullable: true),
                intent = table.Column<string>(nullable: true),
                language = table.Column<string>(nullable: true),
                latency_ms = table.Column<int>(nullable: true),
                delivery_status = table.Column<string>(nullable: true),
                external_id = table.Column<string>(nullable: true),
                sender_user_id = table.Column<Guid>(nullable: true),
                metadata = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_conversation_messages", x => x.id);
                table.ForeignKey("fk_conversation_messages_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_conversation_messages_conversations_conversation_id", x => x.conversation_id, "conversations", "id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_conversation_messages_users_sender_user_id", x => x.sender_user_id, "users", "id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("ix_conversation_messages_conversation_id_sequence", "conversation_messages", ["conversation_id", "sequence"], unique: true);
        migrationBuilder.CreateIndex("ix_conversation_messages_tenant_id_channel_external_id", "conversation_messages", ["tenant_id", "channel", "external_id"],
            unique: true);
        migrationBuilder.CreateIndex("ix_conversation_messages_sender_user_id", "conversation_messages", "sender_user_id");
        migrationBuilder.CreateIndex("ix_conversation_messages_tenant_id", "conversation_messages", "tenant_id");

        migrationBuilder.CreateTable(
            name: "contact_contexts",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                contact_id = table.Column<Guid>(nullable: false),
                last_intent = table.Column<string>(nullable: true),
                language = table.Column<string>(nullable: true),
                slots = table.Column<string>(nullable: false),
                pending_dialog = table.Column<string>(nullable: true),
                no_match_count = table.Column<int>(nullable: false),
                last_handoff_offer_at = table.Column<DateTime>(nullable: true),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_contact_contexts", x => x.id);
                table.ForeignKey("fk_contact_contexts_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_contact_contexts_contacts_contact_id", x => x.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_contact_contexts_contact_id", "contact_contexts", "contact_id", unique: true);
        migrationBuilder.CreateIndex("ix_contact_contexts_tenant_id", "contact_contexts", "tenant_id");

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
