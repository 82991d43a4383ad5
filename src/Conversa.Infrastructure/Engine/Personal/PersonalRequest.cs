using Conversa.Core.Personal;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>What a staff user asked their personal assistant, as <see cref="PersonalRequestReader"/> understood it.</summary>
public abstract record PersonalRequest;

/// <summary>"¿Qué tengo mañana?", "what's on my calendar this week": the appointments and open tasks of the days <c>From..To</c>.</summary>
public sealed record AgendaRequest(LocalDate From, LocalDate To) : PersonalRequest;

/// <summary>"Tareas pendientes", "my overdue tasks".</summary>
public sealed record TaskListRequest(bool OverdueOnly) : PersonalRequest;

/// <summary>
/// "Recuérdame llamar a Juan mañana a las 10": the task's name (null when the sentence named none), when it is due
/// (<see cref="DueAllDay"/>: a day without a time, due at its end) and the priority words used.
/// </summary>
public sealed record NewTaskRequest(string? Title, DateTimeOffset? Due, bool DueAllDay, TaskPriority? Priority) : PersonalRequest;

/// <summary>
/// "Agenda reunión con el proveedor el viernes a las 3pm por 1 hora": the name, the start (null when no day and time
/// were both given) and the length when one was said.
/// </summary>
public sealed record NewAppointmentRequest(string? Title, DateTimeOffset? Start, Duration? Length) : PersonalRequest;

/// <summary>"Ya hice la tarea de llamar a Juan": the words naming the task.</summary>
public sealed record CompleteTaskRequest(string Query) : PersonalRequest;

/// <summary>
/// Nothing the assistant does: a greeting, a thank-you or "¿qué puedes hacer?" (<see cref="Understood"/>), or a
/// message it did not understand.
/// </summary>
public sealed record HelpRequest(bool Understood) : PersonalRequest;
