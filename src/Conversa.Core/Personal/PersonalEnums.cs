namespace Conversa.Core.Personal;

/// <summary>The API's names for task priorities and statuses, read strictly (no numbers, no other spellings).</summary>
public static class PersonalEnums
{
    public const string PriorityNames = "low, medium or high";
    public const string StatusNames = "pending, in_progress or completed";

    public static bool TryParsePriority(string? text, out TaskPriority priority)
    {
        (var ok, priority) = text?.Trim().ToLowerInvariant() switch
        {
            "low" => (true, TaskPriority.Low),
            "medium" => (true, TaskPriority.Medium),
            "high" => (true, TaskPriority.High),
            _ => (false, TaskPriority.Medium),
        };
        return ok;
    }

    public static bool TryParseStatus(string? text, out PersonalTaskStatus status)
    {
        (var ok, status) = text?.Trim().ToLowerInvariant() switch
        {
            "pending" => (true, PersonalTaskStatus.Pending),
            "in_progress" => (true, PersonalTaskStatus.InProgress),
            "completed" => (true, PersonalTaskStatus.Completed),
            _ => (false, PersonalTaskStatus.Pending),
        };
        return ok;
    }

    public static string Name(TaskPriority priority) => priority.ToString().ToLowerInvariant();

    public static string Name(PersonalTaskStatus status) => status switch
    {
        PersonalTaskStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };
}
