using Conversa.Core.Catalog;

namespace Conversa.Core.Personal;

/// <summary>The limits and checks appointment and task drafts share.</summary>
public static class PersonalText
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxLocationLength = 500;
    public const int MaxCategoryLength = 100;
    public const int MaxAttendees = 50;
    public const int MaxAttendeeLength = 200;
    /// <summary>A week: the longest lead a reminder may have.</summary>
    public const int MaxReminderMinutes = 7 * 24 * 60;

    // Far enough for any agenda, near enough that adding a default duration or reminder lead never overflows.
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool InSupportedRange(DateTimeOffset value) => value >= Earliest && value < Latest;

    public static string RangeMessage(string field) => $"{field} must be between the years 1900 and 2999.";

    internal static void CheckTitle(string? title, List<FieldError> errors)
    {
        if (title is null)
        {
            errors.Add(new FieldError("title", "title is required."));
        }
        CheckLength(title, "title", MaxTitleLength, errors);
    }

    internal static void CheckLength(string? value, string field, int max, List<FieldError> errors)
    {
        if (value?.Length > max)
        {
            errors.Add(new FieldError(field, $"{field} is at most {max} characters."));
        }
    }

    internal static void CheckReminder(int? minutes, List<FieldError> errors)
    {
        if (minutes is < 0 or > MaxReminderMinutes)
        {
            errors.Add(new FieldError("reminder_minutes",
                $"reminder_minutes must be between 0 and {MaxReminderMinutes} (a week); 0 or null means no reminder."));
        }
    }
}
