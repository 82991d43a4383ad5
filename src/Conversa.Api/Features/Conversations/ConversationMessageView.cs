using System.Text.Json.Nodes;
using Conversa.Core.Conversations;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Conversations;

/// <summary>
/// A message as the API shows it. <c>agent</c> names the assistant that answered (<c>human</c> for a staff reply);
/// <c>delivery_status</c> is null for inbound messages; <c>sender_user_id</c> is the staff user who replied.
/// </summary>
public sealed record ConversationMessageView(
    Guid Id,
    MessageRole Role,
    string Content,
    string? Agent,
    string? Intent,
    string? Language,
    int? LatencyMs,
    DeliveryStatus? DeliveryStatus,
    Guid? SenderUserId,
    JsonObject Metadata,
    string CreatedAt)
{
    public static ConversationMessageView From(ConversationMessage m, DateTimeZone zone) =>
        new(m.Id, m.Role, m.Content, m.Agent, m.Intent, m.Language, m.LatencyMs, m.DeliveryStatus, m.SenderUserId, m.Metadata,
            ZonedTime.Format(m.CreatedAt, zone));
}
