using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Personal;

/// <summary>An appointment with the same user's other appointments that overlap it, earliest first.</summary>
public sealed record AppointmentEntry(PersonalAppointment Appointment, IReadOnlyList<PersonalAppointment> Conflicts);
