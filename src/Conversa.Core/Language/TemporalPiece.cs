using NodaTime;

namespace Conversa.Core.Language;

/// <summary>One recognised part of a temporal expression (a day, a time, a part of day, a range or a moment), covering tokens First..Last.</summary>
internal sealed record TemporalPiece(TemporalPiece.Kinds Kind, int First, int Last)
{
    public enum Kinds
    {
        Day,
        Time,
        DayPart,
        Range,
        Moment,
    }

    public enum Meridiem
    {
        None,
        Am,
        Pm,
    }

    public LocalDate? Date { get; init; }

    /// <summary>A bare weekday that names today ("el viernes" on a Friday): next week's once the named time has passed.</summary>
    public bool RollIfPast { get; init; }

    public int Hour { get; init; }

    public int Minute { get; init; }

    public Meridiem Clock { get; init; }

    /// <summary>The hour cannot be a 12-hour one: 13–23, 0, or written with a leading zero ("08:00").</summary>
    public bool Explicit24 { get; init; }

    /// <summary>Midnight ("medianoche", "24h"): 00:00 at the end of the day it is attached to.</summary>
    public bool Midnight { get; init; }

    public DayPart? Part { get; init; }

    public DateInterval? Range { get; init; }

    public ZonedDateTime? Moment { get; init; }

    /// <summary>Which slot of an expression the piece fills: day-or-range, time, part of day; a moment fills all.</summary>
    public int Slot => Kind switch
    {
        Kinds.Day or Kinds.Range => 1,
        Kinds.Time => 2,
        Kinds.DayPart => 4,
        _ => 7,
    };
}
