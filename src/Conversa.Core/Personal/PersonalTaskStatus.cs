namespace Conversa.Core.Personal;

/// <summary>Where a task stands (<c>pending</c>, <c>in_progress</c>, <c>completed</c> in the API).</summary>
public enum PersonalTaskStatus
{
    Pending,
    InProgress,
    Completed,
}
