using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Personal;

/// <summary>What a user has on one local day: appointments sharing time with it and open tasks due on it.</summary>
public sealed record AgendaDay(NodaTime.LocalDate Date, IReadOnlyList<AppointmentEntry> Appointments, IReadOnlyList<PersonalTask> Tasks);
