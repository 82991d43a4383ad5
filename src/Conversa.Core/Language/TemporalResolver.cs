using NodaTime;
using NodaTime.TimeZones;
using Kinds = Conversa.Core.Language.TemporalPiece.Kinds;
using Meridiem = Conversa.Core.Language.TemporalPiece.Meridiem;

namespace Conversa.Core.Language;

/// <summary>
/// Finds dates and times in a message in Spanish, Portuguese or English and resolves them against
/// <see cref="TemporalContext.Now"/> in the tenant's zone: "hoy", "mañana", "pasado mañana", "el viernes",
/// "el próximo lunes", "el 5 de diciembre", "5/12", "a las 3 de la tarde", "3pm", "15h", "15:30",
/// "a las tres y media", "al mediodía", "amanhã às 15h", "sexta-feira", "next Monday 10am", "tonight",
/// "en 2 horas", "la próxima semana"... Adjacent pieces join into one expression ("mañana" + "a las 3" +
/// "de la tarde"). Rules, so answers are predictable:
/// <list type="bullet">
/// <item>A bare hour from 1 to 11 with no am/pm and no part of day is read in business hours, 08:00–19:59:
/// 8–11 are morning, 1–7 afternoon ("a las 3" → 15:00, "at 10" → 10:00), and 12 is noon; such a result has
/// <see cref="TemporalExpression.HourAssumed"/> set. A 24-hour hour (13–23, 0, or "08:00" with a leading zero) is taken as written.</item>
/// <item>"el viernes"/"Friday" is the next Friday on or after today; named on a Friday, it is today unless the time
/// or part of day named has already passed, then next week's. "este viernes"/"this Friday" is the same but never
/// rolls. "el próximo lunes", "el lunes que viene", "next Monday" are the first Monday after today (never today).
/// "el lunes de la próxima semana" is the Monday of next ISO week.</item>
/// <item>A day and month without a year is the first such date on or after today ("el 5 de enero" asked in
/// December is next year's). "5/12" is day/month for Spanish and Portuguese (and an unknown language) and
/// month/day for English; when that order is impossible and the other is valid ("25/12" in English, "12/25" in
/// Spanish), the other is taken. A dash needs a year ("5-12-2026") or the ISO form.</item>
/// <item>Weeks run Monday to Sunday: "esta semana" is today to Sunday, "la próxima semana" next Monday to Sunday;
/// "este fin de semana" the coming Saturday and Sunday (today if it is one), "el próximo fin de semana" the
/// weekend of next week.</item>
/// <item>"en 2 horas"/"in 30 minutes" add real elapsed time to now; "en 3 días"/"in a week" add calendar days.</item>
/// <item>Local times are placed in the zone with NodaTime's lenient resolver, like <see cref="Time.ZonedTime"/>:
/// a time in a spring-forward gap moves forward by the gap, a time that occurs twice means the first.</item>
/// </list>
/// </summary>
public static class TemporalResolver
{
    /// <summary>The first date or time in the message, or null when it names none.</summary>
    public static TemporalExpression? Find(string? text, TemporalContext context) =>
        FindAll(text, context) is [var first, ..] ? first : null;

    /// <summary>Every date or time in the message, in order.</summary>
    public static IReadOnlyList<TemporalExpression> FindAll(string? text, TemporalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expressions = new List<TemporalExpression>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return expressions;
        }
        var tokens = TextTokenizer.Tokenize(text);
        var pieces = new TemporalScanner(tokens, context).Scan();
        var group = new List<TemporalPiece>();
        foreach (var piece in pieces)
        {
            if (group.Count > 0 && !Joins(tokens, group, piece))
            {
                expressions.Add(Resolve(text, tokens, group, context));
                group.Clear();
            }
            group.Add(piece);
        }
        if (group.Count > 0)
        {
            expressions.Add(Resolve(text, tokens, group, context));
        }
        return expressions;
    }

    /// <summary>
    /// Which tokens belong to a date or time expression, whatever day it is: the intent classifier compares messages
    /// without them, so "mañana a las 3" says nothing about whether a message is a booking or a greeting.
    /// </summary>
    public static bool[] TemporalTokens(IReadOnlyList<TextToken> tokens)
    {
        var mask = new bool[tokens.Count];
        foreach (var piece in new TemporalScanner(tokens, AnyDay).Scan())
        {
            for (var i = piece.First; i <= piece.Last; i++)
            {
                mask[i] = true;
            }
        }
        return mask;
    }

    private static readonly TemporalContext AnyDay = new(NodaTime.Instant.FromUtc(2026, 1, 1, 12, 0), DateTimeZone.Utc);

    /// <summary>A time of day on a day, in the zone (lenient: a gap moves forward, a repeated hour is the first).</summary>
    public static ZonedDateTime At(LocalDate date, LocalTime time, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(date.At(time), Resolvers.LenientResolver);
    }

    private static bool Joins(IReadOnlyList<TextToken> tokens, List<TemporalPiece> group, TemporalPiece next)
    {
        var taken = 0;
        foreach (var piece in group)
        {
            taken |= piece.Slot;
        }
        if ((taken & next.Slot) != 0)
        {
            return false;
        }
        var gap = next.First - group[^1].Last - 1;
        if (gap > 2)
        {
            return false;
        }
        for (var k = group[^1].Last + 1; k <= next.First; k++)
        {
            if (tokens[k].PunctuationBefore is not ('\0' or ','))
            {
                return false;
            }
            if (k < next.First && !TemporalLexicon.Connectors.Contains(tokens[k].Text))
            {
                return false;
            }
        }
        return true;
    }

    private static TemporalExpression Resolve(string text, IReadOnlyList<TextToken> tokens, List<TemporalPiece> group, TemporalContext context)
    {
        var span = TextSpan.Between(tokens[group[0].First].Start, tokens[group[^1].Last].End);
        var spanText = span.Of(text);
        if (group.Find(p => p.Kind == Kinds.Moment) is { Moment: { } moment })
        {
            return new TemporalExpression(TemporalKind.DateTime, span, spanText)
            {
                Date = moment.Date,
                Time = moment.TimeOfDay,
                DateTime = moment,
            };
        }
        var day = group.Find(p => p.Kind == Kinds.Day);
        var range = group.Find(p => p.Kind == Kinds.Range)?.Range;
        var timePiece = group.Find(p => p.Kind == Kinds.Time);
        var partPiece = group.Find(p => p.Kind == Kinds.DayPart);
        var part = partPiece?.Part;
        var date = day?.Date ?? partPiece?.Date;

        LocalTime? time = null;
        var assumed = false;
        if (timePiece is not null)
        {
            var hour = Hour(timePiece, part, out assumed, out var nextDay);
            time = new LocalTime(hour, timePiece.Minute);
            if (nextDay && date is { } named)
            {
                date = named.PlusDays(1);
            }
            // "tonight at 8" has no part of its own but the hour says which: keep the part if it was named only.
        }

        var now = context.LocalNow.LocalDateTime;
        if (day is { RollIfPast: true } && date == now.Date)
        {
            var passed = time is { } t ? date.Value.At(t) <= now : part is { } p && PartHasPassed(p, now.TimeOfDay);
            if (passed)
            {
                date = date.Value.PlusWeeks(1);
            }
        }

        if (range is not null)
        {
            return new TemporalExpression(TemporalKind.Range, span, spanText) { Range = range, Time = time, PartOfDay = part, HourAssumed = assumed };
        }
        if (date is { } d && time is { } tod)
        {
            return new TemporalExpression(TemporalKind.DateTime, span, spanText)
            {
                Date = d,
                Time = tod,
                PartOfDay = part,
                DateTime = At(d, tod, context.Zone),
                HourAssumed = assumed,
            };
        }
        if (time is not null)
        {
            return new TemporalExpression(TemporalKind.Time, span, spanText) { Time = time, PartOfDay = part, HourAssumed = assumed };
        }
        if (part is not null)
        {
            return new TemporalExpression(TemporalKind.PartOfDay, span, spanText) { Date = date, PartOfDay = part };
        }
        return new TemporalExpression(TemporalKind.Date, span, spanText) { Date = date };
    }

    private static bool PartHasPassed(DayPart part, LocalTime now)
    {
        var (_, end) = DayParts.Window(part);
        return end != LocalTime.MaxValue && now >= end;
    }

    /// <summary>The 24-hour hour of a time piece, given the part of day named with it; see the business-hours rule above.</summary>
    private static int Hour(TemporalPiece time, DayPart? part, out bool assumed, out bool nextDay)
    {
        assumed = false;
        nextDay = time.Midnight;
        var hour = time.Hour;
        if (time.Clock != Meridiem.None)
        {
            return time.Clock == Meridiem.Am ? hour % 12 : hour % 12 + 12;
        }
        if (time.Explicit24 || hour > 12)
        {
            return hour;
        }
        switch (part)
        {
            case DayPart.EarlyMorning:
                return hour % 12;
            case DayPart.Morning:
                return hour;
            case DayPart.Afternoon or DayPart.Evening:
                return hour == 12 ? 12 : hour + 12;
            case DayPart.Night:
                if (hour == 12)
                {
                    nextDay = true;
                    return 0;
                }
                return hour < 5 ? hour : hour + 12;
            default:
                assumed = true;
                return hour is >= 1 and <= 7 ? hour + 12 : hour;
        }
    }
}
