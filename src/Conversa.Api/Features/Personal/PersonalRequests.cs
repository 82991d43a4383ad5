namespace Conversa.Api.Features.Personal;

// The request bodies as OpenAPI shows them. Handlers read the JSON themselves (see JsonFields), so an absent
// reminder_minutes (the default) differs from null (no reminder) and wrong types are field errors.

/// <summary><c>POST|PUT /api/personal/appointments</c>. Times are ISO 8601; without an offset they are the tenant's local time.</summary>
public sealed record AppointmentRequest(
    string Title, string? Description, string StartDatetime, string? EndDatetime, string? Location, IReadOnlyList<string>? Attendees,
    string? Category, int? ReminderMinutes = 15);

/// <summary><c>POST|PUT /api/personal/tasks</c>. <c>due_date</c>: a date (end of that day, tenant zone) or a date-time.</summary>
public sealed record TaskRequest(
    string Title, string? Description, string? DueDate, string? Priority = "medium", string? Status = "pending", string? Category = null,
    int? ReminderMinutes = 60);

/// <summary><c>POST /api/personal/link-phone</c>.</summary>
public sealed record LinkPhoneRequest(string Phone);
