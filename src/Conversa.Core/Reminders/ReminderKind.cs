namespace Conversa.Core.Reminders;

public enum ReminderKind
{
    Appointment,
    Task,
    Booking,
}
