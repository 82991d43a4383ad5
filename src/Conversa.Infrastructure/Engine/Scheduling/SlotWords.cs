using System.Globalization;
using Conversa.Core.Language;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>
/// Days and times as the customer reads them, in their language and the tenant's local time: "mañana jueves 3 de
/// diciembre", "amanhã, quinta-feira, 3 de dezembro", "tomorrow, Thursday, December 3"; "9:30" (or "9:30 AM").
/// </summary>
public static class SlotWords
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");
    private static readonly CultureInfo Pt = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    public static string Day(LocalDate day, LocalDate today, string language)
    {
        var date = day.ToDateTimeUnspecified();
        var text = language switch
        {
            SupportedLanguages.Portuguese => date.ToString("dddd, d 'de' MMMM", Pt),
            SupportedLanguages.English => date.ToString("dddd, MMMM d", En),
            _ => date.ToString("dddd d 'de' MMMM", Es),
        };
        var relative = day == today ? new Localized("hoy", "hoje", "today")
            : day == today.PlusDays(1) ? new Localized("mañana", "amanhã", "tomorrow")
            : (Localized?)null;
        if (relative is not { } near)
        {
            return text;
        }
        return language is SupportedLanguages.Portuguese or SupportedLanguages.English ? $"{near.In(language)}, {text}" : $"{near.In(language)} {text}";
    }

    /// <summary>"a las 15:00" / "às 15:00" / "at 3:00 PM", with the day: "el martes 4 de marzo a las 15:00".</summary>
    public static string At(ZonedDateTime when, LocalDate today, string language)
    {
        var day = Day(when.Date, today, language);
        var time = Time(when.TimeOfDay, language);
        return language switch
        {
            SupportedLanguages.Portuguese => $"{day}, às {time}",
            SupportedLanguages.English => $"{day} at {time}",
            _ => (when.Date == today || when.Date == today.PlusDays(1) ? day : "el " + day) + $" a las {time}",
        };
    }

    public static string Time(LocalTime time, string language) => language == SupportedLanguages.English
        ? time.ToString("h:mm tt", En)
        : time.ToString("H:mm", CultureInfo.InvariantCulture);

    /// <summary>How many times a day's line shows before it trails off.</summary>
    public const int TimesPerDay = 8;

    /// <summary>One line per day: "Mañana jueves 3 de diciembre: 9:00, 9:30, 10:00…".</summary>
    public static string Lines(IEnumerable<DaySlots> days, DateTimeZone zone, LocalDate today, string language) =>
        string.Join("\n", days.Select(d =>
        {
            var times = d.Times(zone);
            var shown = string.Join(", ", times.Take(TimesPerDay).Select(t => Time(t, language)));
            return $"{Capitalized(Day(d.Day, today, language))}: {shown}{(times.Count > TimesPerDay ? "…" : "")}";
        }));

    /// <summary>"a, b y c" / "a, b e c" / "a, b and c"; with <paramref name="or"/>, "a, b o c".</summary>
    public static string List(IReadOnlyList<string> items, string language, bool or = false)
    {
        if (items.Count <= 1)
        {
            return items.Count == 0 ? "" : items[0];
        }
        var last = or ? new Localized(" o ", " ou ", " or ").In(language) : new Localized(" y ", " e ", " and ").In(language);
        return string.Join(", ", items.Take(items.Count - 1)) + last + items[^1];
    }

    public static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
