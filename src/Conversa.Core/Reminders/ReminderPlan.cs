namespace Conversa.Core.Reminders;

/// <summary>
/// What a source wants reminded: <see cref="DueAt"/> null means no reminder (cancelled, completed, or
/// the source no longer asks for one). <see cref="EventAt"/> is when the thing itself happens; a reminder
/// whose event has already passed is not planned at all.
/// </summary>
public sealed record ReminderPlan(
    ReminderKind Kind, Guid SourceId, DateTimeOffset? DueAt, DateTimeOffset? EventAt, string Text, Guid? UserId = null, Guid? ContactId = null);
