using Conversa.Core.Tenancy;

namespace Conversa.Core.Reminders;

/// <summary>
/// A message due at a time, kept in step with its source (a personal appointment or task, or a booking):
/// one row per source, re-planned when the source moves and cancelled with it. The scheduler claims due
/// rows and hands each to the outbound channel exactly once.
/// </summary>
public sealed class Reminder : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public ReminderKind Kind { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>The staff user a personal reminder goes to (their linked phone); null for a customer's booking.</summary>
    public Guid? UserId { get; set; }
    /// <summary>The customer a booking reminder goes to.</summary>
    public Guid? ContactId { get; set; }
    public DateTime DueAt { get; set; }
    public ReminderStatus Status { get; set; } = ReminderStatus.Pending;
    public string Text { get; set; } = "";
    /// <summary>Where it went (<c>log</c> until a channel delivers it) and to whom.</summary>
    public string? Channel { get; set; }
    public string? Recipient { get; set; }
    public int Attempts { get; set; }
    /// <summary>The claim of the scheduler run handing it over; another run may take it only after <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimToken { get; set; }
    /// <summary>End of the current claim's lease, or when a failed attempt may be retried.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? Error { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The server process that handed it over, so a double send would show in the data.</summary>
    public string? SentBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
