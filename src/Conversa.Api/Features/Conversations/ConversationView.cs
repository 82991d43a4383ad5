using System.Text.Json.Serialization;
using Conversa.Core.Conversations;
using Conversa.Core.Time;
using Conversa.Infrastructure.Conversations;
using NodaTime;

namespace Conversa.Api.Features.Conversations;

/// <summary>
/// A conversation as the API shows it: its contact, channel, who has it (<c>status</c>, <c>bot_enabled</c>), how many
/// messages and the start of the last one; <c>messages</c> only in the detail. Times carry the tenant's offset;
/// <c>last_message_at</c> is null until the first message.
/// </summary>
public sealed record ConversationView(
    Guid Id,
    ConversationContactView Contact,
    ConversationChannel Channel,
    ConversationAssistant Assistant,
    Guid? UserId,
    string? ExternalId,
    ConversationStatus Status,
    bool BotEnabled,
    string? HandoffReason,
    string? HandoffAt,
    int MessageCount,
    MessagePreviewView? LastMessage,
    string? LastMessageAt,
    string CreatedAt,
    string UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ConversationMessageView>? Messages = null)
{
    public static ConversationView From(ConversationSummary summary, DateTimeZone zone, IReadOnlyList<ConversationMessage>? messages = null)
    {
        var c = summary.Conversation;
        return new ConversationView(
            c.Id,
            new ConversationContactView(summary.Contact.Id, summary.Contact.Name, summary.Contact.Phone),
            c.Channel,
            c.Assistant,
            c.UserId,
            c.ExternalId,
            c.Status,
            c.BotEnabled,
            c.HandoffReason,
            c.HandoffAt is { } handoffAt ? ZonedTime.Format(handoffAt, zone) : null,
            c.MessageCount,
            summary.LastMessage is { } last ? new MessagePreviewView(last.Role, last.Text, ZonedTime.Format(last.CreatedAt, zone)) : null,
            c.MessageCount > 0 ? ZonedTime.Format(c.LastMessageAt, zone) : null,
            ZonedTime.Format(c.CreatedAt, zone),
            ZonedTime.Format(c.UpdatedAt, zone),
            messages?.Select(m => ConversationMessageView.From(m, zone)).ToList());
    }
}

public sealed record ConversationContactView(Guid Id, string Name, string? Phone);

/// <summary>Who wrote the last message, its first characters (… when cut) and when.</summary>
public sealed record MessagePreviewView(MessageRole Role, string Content, string CreatedAt);
