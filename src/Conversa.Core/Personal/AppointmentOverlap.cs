namespace Conversa.Core.Personal;

/// <summary>
/// When two appointments conflict: their spans share time. Spans are half-open (one ending at 10:00 does
/// not clash with one starting at 10:00); an appointment with no duration occupies its start instant, so
/// two such at the same minute clash, and one inside another's span clashes with it.
/// </summary>
public static class AppointmentOverlap
{
    public static bool Overlaps(DateTime aStart, DateTime aEnd, DateTime bStart, DateTime bEnd) =>
        aStart < Occupied(bStart, bEnd) && bStart < Occupied(aStart, aEnd);

    /// <summary>The end of the time a span occupies: a point still takes its own instant.</summary>
    public static DateTime Occupied(DateTime start, DateTime end) => end > start ? end : start.AddTicks(1);
}
