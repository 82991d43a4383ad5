namespace Conversa.Core.Personal;

/// <summary>How much a task matters; lists put <see cref="High"/> first.</summary>
public enum TaskPriority
{
    Low,
    Medium,
    High,
}
