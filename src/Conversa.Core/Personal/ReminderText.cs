using System.Globalization;
using NodaTime;

namespace Conversa.Core.Personal;

/// <summary>
/// The short message a personal reminder carries, in the tenant's language (es, pt, en; others get English)
/// with the local date and time. Month names are written out here so the text never depends on the
/// server's culture data.
/// </summary>
public static class ReminderText
{
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
    private static readonly string[] PortugueseMonths =
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string ForAppointment(string title, DateTime startUtc, DateTimeZone zone, string? language)
    {
        var local = ToLocal(startUtc, zone);
        var (day, time) = (Day(local.Date, language), Time(local));
        return Language(language) switch
        {
            "es" => $"Recordatorio: {title}, el {day} a las {time}.",
            "pt" => $"Lembrete: {title}, em {day} às {time}.",
            _ => $"Reminder: {title}, on {day} at {time}.",
        };
    }

    public static string ForTask(string title, DateTime dueUtc, bool allDay, DateTimeZone zone, string? language)
    {
        var local = ToLocal(dueUtc, zone);
        var day = Day(local.Date, language);
        var time = Time(local);
        return Language(language) switch
        {
            "es" => allDay ? $"Recordatorio: la tarea «{title}» vence el {day}." : $"Recordatorio: la tarea «{title}» vence el {day} a las {time}.",
            "pt" => allDay ? $"Lembrete: a tarefa «{title}» vence em {day}." : $"Lembrete: a tarefa «{title}» vence em {day} às {time}.",
            _ => allDay ? $"Reminder: the task “{title}” is due on {day}." : $"Reminder: the task “{title}” is due on {day} at {time}.",
        };
    }

    private static LocalDateTime ToLocal(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;

    private static string Language(string? language) =>
        language is { Length: >= 2 } ? language[..2].ToLowerInvariant() : "es";

    private static string Day(LocalDate date, string? language)
    {
        var number = date.Day.ToString(CultureInfo.InvariantCulture);
        return Language(language) switch
        {
            "es" => $"{number} de {SpanishMonths[date.Month - 1]}",
            "pt" => $"{number} de {PortugueseMonths[date.Month - 1]}",
            _ => $"{number} {EnglishMonths[date.Month - 1]}",
        };
    }

    private static string Time(LocalDateTime local) =>
        local.ToString("HH':'mm", CultureInfo.InvariantCulture);
}
