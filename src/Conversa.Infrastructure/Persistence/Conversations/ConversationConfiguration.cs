using System.Text.Json.Nodes;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conversa.Infrastructure.Persistence.Conversations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    /// <summary>
    /// At most one open conversation per contact, channel and assistant when the channel names no thread: what makes
    /// find-or-create safe when two messages of a new contact arrive at once. Plain SQL both databases read alike.
    /// </summary>
    public const string OpenThreadIndex = "ix_conversations_open_thread";
    public const string OpenThreadFilter = "external_id IS NULL AND status <> 'closed'";

    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        // A contact's conversations go with the contact; a user's personal-assistant conversations go with the user.
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // Lists: newest activity first.
        builder.HasIndex(c => new { c.TenantId, c.LastMessageAt });
        // A channel's thread id names one conversation (null ids never collide, on either database).
        builder.HasIndex(c => new { c.TenantId, c.Channel, c.ExternalId }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.ContactId, c.Channel, c.Assistant })
            .HasDatabaseName(OpenThreadIndex)
            .HasFilter(OpenThreadFilter)
            .IsUnique();
        builder.Ignore(c => c.IsHandedOff);
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("conversation_messages");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // A reply stays when the staff user who wrote it is deleted; it just no longer names them.
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.SenderUserId).OnDelete(DeleteBehavior.SetNull);
        // Reading a conversation in order, and its last message (sequence = the conversation's message_count).
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        // A provider's message id names one message per channel: status updates find it, redeliveries are refused.
        builder.HasIndex(m => new { m.TenantId, m.Channel, m.ExternalId }).IsUnique();
        // Nullable enums are not covered by the lowercase-name convention.
        builder.Property(m => m.DeliveryStatus).HasConversion(new ValueConverter<DeliveryStatus, string>(
            v => v.ToString().ToLowerInvariant(), v => Enum.Parse<DeliveryStatus>(v, true)));
        builder.Property(m => m.Metadata).HasConversion(JsonObjectColumn.Converter, JsonObjectColumn.Comparer);
    }
}

internal sealed class ContactContextConfiguration : IEntityTypeConfiguration<ContactContext>
{
    public void Configure(EntityTypeBuilder<ContactContext> builder)
    {
        builder.ToTable("contact_contexts");
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        // One context per contact.
        builder.HasIndex(c => c.ContactId).IsUnique();
        builder.Property(c => c.Slots).HasConversion(JsonObjectColumn.Converter, JsonObjectColumn.Comparer);
    }
}
