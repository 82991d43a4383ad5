using Conversa.Core.Language;
using Conversa.Core.Time;
using Conversa.Infrastructure.Booking;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>The free slots of one day, in the zone they are shown in.</summary>
public sealed record DaySlots(LocalDate Day, IReadOnlyList<AvailableSlot> Slots)
{
    /// <summary>The distinct start times (several providers free at 9:00 are one 9:00), in order.</summary>
    public IReadOnlyList<LocalTime> Times(DateTimeZone zone) =>
        Slots.Select(s => s.Start.InZone(zone).TimeOfDay).Distinct().Order().ToList();
}

/// <summary>
/// Free slots for the dialogs, read through <see cref="AvailabilityFinder"/> (hours, exceptions, bookings, buffers and
/// the booking policy all apply) and grouped by the tenant's local days: a day is [its local midnight, the next
/// one), so a day that loses or gains an hour to daylight saving is still one whole day.
/// </summary>
public sealed class SlotCalendar(AvailabilityFinder finder, DateTimeZone zone)
{
    /// <summary>How far ahead a dialog looks for free days when the customer names none.</summary>
    public const int HorizonDays = 14;

    public DateTimeZone Zone => zone;

    public async Task<IReadOnlyList<AvailableSlot>> BetweenAsync(Guid serviceId, Guid? providerId, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var (result, _) = await finder.FindAsync(
            new AvailabilityQuery(serviceId, providerId, ZonedTime.Format(from, zone), ZonedTime.Format(to, zone)), cancellationToken);
        return result?.Slots ?? [];
    }

    public async Task<DaySlots> DayAsync(Guid serviceId, Guid? providerId, LocalDate day, CancellationToken cancellationToken) =>
        new(day, await BetweenAsync(serviceId, providerId, Start(day), Start(day.PlusDays(1)), cancellationToken));

    /// <summary>
    /// Up to <paramref name="maxDays"/> days from <paramref name="first"/> to <paramref name="last"/> (inclusive) that
    /// have free slots, keeping only the slots in <paramref name="part"/> of the day when one is named.
    /// </summary>
    public async Task<IReadOnlyList<DaySlots>> FreeDaysAsync(
        Guid serviceId, Guid? providerId, LocalDate first, LocalDate last, int maxDays, DayPart? part, CancellationToken cancellationToken)
    {
        var slots = await BetweenAsync(serviceId, providerId, Start(first), Start(last.PlusDays(1)), cancellationToken);
        return slots
            .Where(s => part is not { } p || DayParts.Contains(p, s.Start.InZone(zone).TimeOfDay))
            .GroupBy(s => s.Start.InZone(zone).Date)
            .Select(g => new DaySlots(g.Key, g.ToList()))
            .OrderBy(d => d.Day)
            .Take(maxDays)
            .ToList();
    }

    /// <summary>
    /// The free start times nearest to <paramref name="wanted"/>: on its day if any are free there (closest first,
    /// then shown in order), else the first ones of the next free day within the horizon.
    /// </summary>
    public async Task<IReadOnlyList<ZonedDateTime>> NearestAsync(Guid serviceId, Guid? providerId, Instant wanted, int count, CancellationToken cancellationToken)
    {
        var day = wanted.InZone(zone).Date;
        var sameDay = await DayAsync(serviceId, providerId, day, cancellationToken);
        var starts = sameDay.Slots.Select(s => s.Start).Distinct()
            .OrderBy(s => Math.Abs((s - wanted).TotalTicks)).Take(count).Order().ToList();
        if (starts.Count == 0)
        {
            var next = await FreeDaysAsync(serviceId, providerId, day.PlusDays(1), day.PlusDays(HorizonDays), 1, null, cancellationToken);
            starts = next.SelectMany(d => d.Slots).Select(s => s.Start).Distinct().Order().Take(count).ToList();
        }
        return starts.Select(s => s.InZone(zone)).ToList();
    }

    public Instant Start(LocalDate day) => zone.AtStartOfDay(day).ToInstant();
}
