using Conversa.Core.Tenancy;

namespace Conversa.Core.Personal;

/// <summary>
/// An entry in one staff user's own calendar. It belongs to <see cref="UserId"/> alone: nobody else in the
/// tenant, owners included, reads or changes it. Times are UTC instants; the API shows them in the tenant's zone.
/// </summary>
public sealed class PersonalAppointment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime StartAt { get; set; }
    public DateTime EndAt { get; set; }
    public string? Location { get; set; }
    public List<string> Attendees { get; set; } = [];
    public string? Category { get; set; }
    /// <summary>Minutes before the start to remind the user; null means no reminder.</summary>
    public int? ReminderMinutes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Replaces every field with the draft's (which must have passed <see cref="AppointmentDraft.Validate"/>).</summary>
    public void Apply(AppointmentDraft draft, DateTime now)
    {
        var clean = draft.Normalized();
        Title = clean.Title!;
        Description = clean.Description;
        StartAt = clean.Start!.Value.UtcDateTime;
        EndAt = clean.EffectiveEnd!.Value.UtcDateTime;
        Location = clean.Location;
        Attendees = [.. clean.Attendees ?? []];
        Category = clean.Category;
        ReminderMinutes = clean.ReminderMinutes is > 0 ? clean.ReminderMinutes : null;
        UpdatedAt = now;
    }

    public AppointmentDraft ToDraft() =>
        new(Title, Description, new DateTimeOffset(StartAt, TimeSpan.Zero), new DateTimeOffset(EndAt, TimeSpan.Zero), Location,
            [.. Attendees], Category, ReminderMinutes);
}
