using NodaTime;

namespace Conversa.Core.Language;

/// <summary>
/// A date or time found in a message and resolved. Which members are set depends on <see cref="Kind"/>:
/// <list type="bullet">
/// <item><see cref="TemporalKind.Date"/>: <see cref="Date"/>.</item>
/// <item><see cref="TemporalKind.Time"/>: <see cref="Time"/> (and <see cref="PartOfDay"/> if one was named).</item>
/// <item><see cref="TemporalKind.DateTime"/>: <see cref="Date"/>, <see cref="Time"/> and <see cref="DateTime"/> in the tenant's zone.</item>
/// <item><see cref="TemporalKind.PartOfDay"/>: <see cref="PartOfDay"/>, and <see cref="Date"/> when a day was named.</item>
/// <item><see cref="TemporalKind.Range"/>: <see cref="Range"/> (inclusive days), and <see cref="Time"/>/<see cref="PartOfDay"/> if named.</item>
/// </list>
/// <see cref="HourAssumed"/> says the hour was read by the business-hours rule ("a las 3" → 15:00), so a dialog
/// can confirm it. <see cref="Span"/> and <see cref="Text"/> are the words it came from.
/// </summary>
public sealed record TemporalExpression(TemporalKind Kind, TextSpan Span, string Text)
{
    public LocalDate? Date { get; init; }

    public LocalTime? Time { get; init; }

    public DayPart? PartOfDay { get; init; }

    public ZonedDateTime? DateTime { get; init; }

    public DateInterval? Range { get; init; }

    public bool HourAssumed { get; init; }

    public Instant? Instant => DateTime?.ToInstant();
}
