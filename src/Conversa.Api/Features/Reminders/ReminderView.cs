using Conversa.Core.Reminders;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Reminders;

/// <summary>A reminder as <c>GET /api/reminders</c> lists it; times carry the tenant's offset.</summary>
public sealed record ReminderView(
    Guid Id, string Kind, Guid SourceId, string DueAt, string Status, string? Channel, string? Recipient, string? SentAt,
    int Attempts, string? Error, Guid? UserId, Guid? ContactId)
{
    public static ReminderView From(Reminder r, DateTimeZone zone) => new(
        r.Id, r.Kind.ToString().ToLowerInvariant(), r.SourceId, ZonedTime.Format(r.DueAt, zone), r.Status.ToString().ToLowerInvariant(),
        r.Channel, r.Recipient, r.SentAt is { } sent ? ZonedTime.Format(sent, zone) : null, r.Attempts, r.Error, r.UserId, r.ContactId);
}
