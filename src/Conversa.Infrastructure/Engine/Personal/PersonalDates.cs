using System.Globalization;
using Conversa.Core.Language;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// Days and times as the personal assistant says them, in the tenant's zone: "mañana, jueves 3 de diciembre",
/// "quinta-feira, 3 de dezembro", "Thursday, December 3", times on the 24-hour clock ("15:00"). Names are written
/// out here so replies never depend on the server's culture data.
/// </summary>
public static class PersonalDates
{
    private static readonly string[] SpanishDays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
    private static readonly string[] PortugueseDays = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"];
    private static readonly string[] EnglishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
    private static readonly string[] PortugueseMonths =
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"jueves 3 de diciembre", "quinta-feira, 3 de dezembro", "Thursday, December 3".</summary>
    public static string Day(LocalDate date, string language)
    {
        var weekday = (int)date.DayOfWeek - 1;
        var day = date.Day.ToString(CultureInfo.InvariantCulture);
        return language switch
        {
            SupportedLanguages.Portuguese => $"{PortugueseDays[weekday]}, {day} de {PortugueseMonths[date.Month - 1]}",
            SupportedLanguages.English => $"{EnglishDays[weekday]}, {EnglishMonths[date.Month - 1]} {day}",
            _ => $"{SpanishDays[weekday]} {day} de {SpanishMonths[date.Month - 1]}",
        };
    }

    /// <summary>"mañana, jueves 3 de diciembre" for today, tomorrow and yesterday; just the day otherwise.</summary>
    public static string RelativeDay(LocalDate date, LocalDate today, string language)
    {
        var offset = Period.Between(today, date, PeriodUnits.Days).Days;
        var word = offset switch
        {
            0 => new Localized("hoy", "hoje", "today"),
            1 => new Localized("mañana", "amanhã", "tomorrow"),
            -1 => new Localized("ayer", "ontem", "yesterday"),
            _ => (Localized?)null,
        };
        return word is { } relative ? $"{relative.In(language)}, {Day(date, language)}" : Day(date, language);
    }

    public static string Time(LocalTime time) => time.ToString("HH':'mm", CultureInfo.InvariantCulture);

    public static LocalDateTime Local(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
}
