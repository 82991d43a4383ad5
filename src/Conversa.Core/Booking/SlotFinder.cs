using NodaTime;
using NodaTime.TimeZones;

namespace Conversa.Core.Booking;

/// <summary>A bookable time: the service runs from <see cref="Start"/> to <see cref="End"/>.</summary>
public readonly record struct Slot(Instant Start, Instant End);

/// <summary>Why a requested start cannot be booked.</summary>
public enum SlotRefusal
{
    /// <summary>Before the policy's minimum notice (or in the past).</summary>
    TooSoon,
    /// <summary>Beyond how far ahead the policy lets customers book.</summary>
    TooFar,
    /// <summary>The service would not fit inside one of the provider's working blocks.</summary>
    OutsideHours,
    /// <summary>Another booking (with its buffer) overlaps, or this one's buffer would run into it.</summary>
    Taken,
}

/// <summary>
/// What to search: the provider's hours in its zone, the service's length and buffer, the slot step, the window
/// of start instants [<see cref="From"/>, <see cref="To"/>) (already narrowed by the booking policy), and the
/// provider's busy intervals (each booking's [start, start + duration + buffer)).
/// </summary>
public sealed record SlotSearch(
    WorkingHours Hours, DateTimeZone Zone, Duration Length, Duration Buffer, Duration Step, Instant From, Instant To, IReadOnlyList<Interval> Busy);

/// <summary>
/// Free slots and booking checks, in pure NodaTime. Working hours are wall-clock times; candidate starts step
/// from each block's start on the wall clock, so slots stay on :00/:15/:30 across daylight-saving changes.
/// A wall-clock time that does not exist (the spring gap) is never a start; one that occurs twice (the autumn
/// hour) is a start once, at its first occurrence. A slot's length is elapsed time (a 60-minute service takes
/// 60 real minutes even across a change), and it must end by the block's end. A block's start or end in a gap
/// means the moment the gap ends; an ambiguous one means its first occurrence.
/// </summary>
public static class SlotFinder
{
    private static readonly ZoneLocalMappingResolver WallClock =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static List<Slot> FreeSlots(SlotSearch search)
    {
        var slots = new List<Slot>();
        if (search.To <= search.From || search.Step <= Duration.Zero || search.Length <= Duration.Zero)
        {
            return slots;
        }
        var busy = Merge(search.Busy);
        var occupies = search.Length + search.Buffer;
        var stepMinutes = (long)search.Step.TotalMinutes;
        // A block is within its own date, but its instants can start a day earlier than From's local date in another offset.
        var lastDate = search.To.InZone(search.Zone).Date;
        for (var date = search.From.InZone(search.Zone).Date.PlusDays(-1); date <= lastDate; date = date.PlusDays(1))
        {
            foreach (var block in search.Hours.BlocksOn(date))
            {
                var blockStart = Resolve(search.Zone, date + block.Start);
                var blockEnd = Resolve(search.Zone, date + block.End);
                if (blockEnd <= search.From || blockStart >= search.To || blockEnd - blockStart < search.Length)
                {
                    continue;
                }
                var cursor = FirstEndingAfter(busy, blockStart);
                var localEnd = date + block.End;
                for (var local = date + block.Start; local < localEnd; local = local.PlusMinutes(stepMinutes))
                {
                    var mapping = search.Zone.MapLocal(local);
                    if (mapping.Count == 0)
                    {
                        continue; // this wall-clock time does not exist today
                    }
                    var start = mapping.First().ToInstant();
                    var end = start + search.Length;
                    if (end > blockEnd || start >= search.To)
                    {
                        break;
                    }
                    if (start < search.From)
                    {
                        continue;
                    }
                    while (cursor < busy.Count && busy[cursor].End <= start)
                    {
                        cursor++;
                    }
                    if (cursor < busy.Count && busy[cursor].Start < start + occupies)
                    {
                        continue;
                    }
                    slots.Add(new Slot(start, end));
                }
            }
        }
        return slots;
    }

    /// <summary>Whether a booking may start at <paramref name="start"/>; null when it may.</summary>
    public static SlotRefusal? Check(
        WorkingHours hours, DateTimeZone zone, Instant start, Duration length, Duration buffer, IEnumerable<Interval> busy,
        Instant earliest, Instant latest)
    {
        if (start < earliest)
        {
            return SlotRefusal.TooSoon;
        }
        if (start > latest)
        {
            return SlotRefusal.TooFar;
        }
        if (!WithinHours(hours, zone, start, start + length))
        {
            return SlotRefusal.OutsideHours;
        }
        var until = start + length + buffer;
        return busy.Any(b => b.Start < until && start < b.End) ? SlotRefusal.Taken : null;
    }

    /// <summary>Whether [start, end) lies inside one working block.</summary>
    public static bool WithinHours(WorkingHours hours, DateTimeZone zone, Instant start, Instant end)
    {
        var date = start.InZone(zone).Date;
        foreach (var day in new[] { date.PlusDays(-1), date })
        {
            foreach (var block in hours.BlocksOn(day))
            {
                if (Resolve(zone, day + block.Start) <= start && end <= Resolve(zone, day + block.End))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>A wall-clock time as an instant: its first occurrence, or the end of the gap it falls in.</summary>
    public static Instant Resolve(DateTimeZone zone, LocalDateTime local) => zone.ResolveLocal(local, WallClock).ToInstant();

    private static List<Interval> Merge(IReadOnlyList<Interval> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToList();
        var merged = new List<Interval>(sorted.Count);
        foreach (var interval in sorted)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                if (interval.End > merged[^1].End)
                {
                    merged[^1] = new Interval(merged[^1].Start, interval.End);
                }
            }
            else
            {
                merged.Add(interval);
            }
        }
        return merged;
    }

    private static int FirstEndingAfter(List<Interval> busy, Instant instant)
    {
        int low = 0, high = busy.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (busy[middle].End <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
