using NodaTime;

namespace Conversa.Core.Language;

/// <summary>The local hours each <see cref="DayPart"/> covers, for searching free slots in "the afternoon".</summary>
public static class DayParts
{
    /// <summary>The window as [start, end): <see cref="DayPart.Night"/> ends at <see cref="LocalTime.MaxValue"/> (the end of the day).</summary>
    public static (LocalTime Start, LocalTime End) Window(DayPart part) => part switch
    {
        DayPart.EarlyMorning => (LocalTime.Midnight, new LocalTime(6, 0)),
        DayPart.Morning => (new LocalTime(6, 0), LocalTime.Noon),
        DayPart.Afternoon => (LocalTime.Noon, new LocalTime(19, 0)),
        DayPart.Evening => (new LocalTime(17, 0), new LocalTime(21, 0)),
        _ => (new LocalTime(19, 0), LocalTime.MaxValue),
    };

    public static bool Contains(DayPart part, LocalTime time)
    {
        var (start, end) = Window(part);
        return time >= start && (time < end || end == LocalTime.MaxValue);
    }
}
