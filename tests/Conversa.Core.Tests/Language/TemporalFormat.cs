using System.Globalization;
using Conversa.Core.Language;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Core.Tests.Language;

/// <summary>One line per resolved expression, so table-driven tests read as what the customer meant.</summary>
internal static class TemporalFormat
{
    private static readonly LocalDatePattern Day = LocalDatePattern.Iso;
    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly OffsetDateTimePattern Moment = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<+HH:mm>");

    public static string Describe(TemporalExpression? expression)
    {
        if (expression is null)
        {
            return "none";
        }
        var text = expression.Kind switch
        {
            TemporalKind.Date => "date " + Day.Format(expression.Date!.Value),
            TemporalKind.Time => "time " + Clock.Format(expression.Time!.Value),
            TemporalKind.DateTime => Moment.Format(expression.DateTime!.Value.ToOffsetDateTime()),
            TemporalKind.PartOfDay => Part(expression.PartOfDay) + (expression.Date is { } d ? " " + Day.Format(d) : ""),
            _ => Day.Format(expression.Range!.Start) + ".." + Day.Format(expression.Range.End)
                + (expression.Time is { } t ? " " + Clock.Format(t) : "") + (expression.PartOfDay is { } p ? " " + Part(p) : ""),
        };
        if (expression.Kind == TemporalKind.Time && expression.PartOfDay is { } part)
        {
            text += " " + Part(part);
        }
        return expression.HourAssumed ? text + " assumed" : text;
    }

    private static string Part(DayPart? part) => part?.ToString().ToLower(CultureInfo.InvariantCulture) ?? "";
}
