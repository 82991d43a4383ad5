namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>What <c>create_task</c> returns: the task as stored (<c>due</c> with the tenant's offset).</summary>
public sealed record ToolTaskCreated(string TaskId, string Title, string? Due, bool DueAllDay, string Priority, int? ReminderMinutes);

/// <summary>What <c>list_agenda</c> returns: one local day of the user's appointments and open tasks.</summary>
public sealed record ToolAgendaDay(string Date, IReadOnlyList<ToolAppointment> Appointments, IReadOnlyList<ToolTask> Tasks);

/// <summary>An appointment in <see cref="ToolAgendaDay"/>, with the ids of the user's appointments it overlaps.</summary>
public sealed record ToolAppointment(string Id, string Title, string Start, string End, string? Location, IReadOnlyList<string> Conflicts);

/// <summary>A task in <see cref="ToolAgendaDay"/>.</summary>
public sealed record ToolTask(string Id, string Title, string? Due, bool DueAllDay, string Priority, string Status, bool Overdue);

/// <summary>Why a tool did nothing, in words a model can pass on or correct its call with.</summary>
public sealed record ToolError(string Error);
