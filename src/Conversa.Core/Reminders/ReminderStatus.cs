namespace Conversa.Core.Reminders;

public enum ReminderStatus
{
    Pending,
    Sent,
    Failed,
    Cancelled,
}
