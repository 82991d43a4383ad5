using Conversa.Core.Catalog;

namespace Conversa.Core.Personal;

/// <summary>
/// An appointment as a caller wants it: the API after reading its JSON, or the personal assistant after
/// understanding a sentence. <see cref="End"/> defaults to an hour after the start; <see cref="ReminderMinutes"/>
/// null or 0 means no reminder. Field errors carry the API's names (<c>start_datetime</c>, ...).
/// </summary>
public sealed record AppointmentDraft(
    string? Title,
    string? Description,
    DateTimeOffset? Start,
    DateTimeOffset? End = null,
    string? Location = null,
    IReadOnlyList<string>? Attendees = null,
    string? Category = null,
    int? ReminderMinutes = AppointmentDraft.DefaultReminderMinutes)
{
    public const int DefaultReminderMinutes = 15;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(60);

    /// <summary>The end as stored: the given one, or the start plus <see cref="DefaultDuration"/>.</summary>
    public DateTimeOffset? EffectiveEnd => End ?? Start + DefaultDuration;

    /// <summary>Strings trimmed (blank ones become absent), attendees trimmed.</summary>
    public AppointmentDraft Normalized() => this with
    {
        Title = PersonalText.Clean(Title),
        Description = PersonalText.Clean(Description),
        Location = PersonalText.Clean(Location),
        Category = PersonalText.Clean(Category),
        Attendees = Attendees?.Select(a => a?.Trim() ?? "").ToList(),
    };

    public IReadOnlyList<FieldError> Validate()
    {
        var draft = Normalized();
        var errors = new List<FieldError>();
        PersonalText.CheckTitle(draft.Title, errors);
        PersonalText.CheckLength(draft.Description, "description", PersonalText.MaxDescriptionLength, errors);
        PersonalText.CheckLength(draft.Location, "location", PersonalText.MaxLocationLength, errors);
        PersonalText.CheckLength(draft.Category, "category", PersonalText.MaxCategoryLength, errors);
        if (draft.Start is null)
        {
            errors.Add(new FieldError("start_datetime", "start_datetime is required."));
        }
        else if (!PersonalText.InSupportedRange(draft.Start.Value))
        {
            errors.Add(new FieldError("start_datetime", PersonalText.RangeMessage("start_datetime")));
        }
        if (draft.End is { } end && !PersonalText.InSupportedRange(end))
        {
            errors.Add(new FieldError("end_datetime", PersonalText.RangeMessage("end_datetime")));
        }
        else if (draft.End < draft.Start)
        {
            errors.Add(new FieldError("end_datetime", "end_datetime must not be before start_datetime."));
        }
        if (draft.Attendees is { } attendees)
        {
            if (attendees.Count > PersonalText.MaxAttendees)
            {
                errors.Add(new FieldError("attendees", $"attendees has at most {PersonalText.MaxAttendees} names."));
            }
            if (attendees.Any(a => a.Length == 0 || a.Length > PersonalText.MaxAttendeeLength))
            {
                errors.Add(new FieldError("attendees",
                    $"each attendee is a non-empty string of at most {PersonalText.MaxAttendeeLength} characters."));
            }
        }
        PersonalText.CheckReminder(draft.ReminderMinutes, errors);
        return errors;
    }
}
