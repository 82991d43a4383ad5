using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Core.Booking;

/// <summary>A stretch of wall-clock time within one day, start before end.</summary>
public readonly record struct TimeBlock(LocalTime Start, LocalTime End);

/// <summary>Weekly hours on a day of the week (ISO: Monday = 1).</summary>
public sealed record WeeklyBlock(IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>A dated exception: the date is closed (no times), or these hours replace the weekly ones that day.</summary>
public sealed record DatedBlock(LocalDate Date, LocalTime? Start, LocalTime? End)
{
    public bool Closed => Start is null;
}

/// <summary>
/// When a provider works, in wall-clock times of its zone: weekly blocks, and dated exceptions that replace the
/// weekly hours of their date (closed, or their own blocks). Validated on the way in (<see cref="WorkingHoursInput"/>),
/// so blocks are ordered and never overlap.
/// </summary>
public sealed class WorkingHours
{
    public static readonly WorkingHours Empty = new([], []);

    internal static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private readonly TimeBlock[][] _byDay = new TimeBlock[8][];
    private readonly Dictionary<LocalDate, TimeBlock[]> _exceptions;

    public WorkingHours(IEnumerable<WeeklyBlock> weekly, IEnumerable<DatedBlock> exceptions)
    {
        Weekly = weekly.OrderBy(b => b.Day).ThenBy(b => b.Start).ToList();
        Exceptions = exceptions.OrderBy(b => b.Date).ThenBy(b => b.Start ?? LocalTime.Midnight).ToList();
        for (var day = 1; day <= 7; day++)
        {
            _byDay[day] = Weekly.Where(b => (int)b.Day == day).Select(b => new TimeBlock(b.Start, b.End)).ToArray();
        }
        _byDay[0] = [];
        _exceptions = Exceptions.GroupBy(e => e.Date).ToDictionary(
            g => g.Key,
            g => g.Any(e => e.Closed) ? [] : g.Select(e => new TimeBlock(e.Start!.Value, e.End!.Value)).OrderBy(b => b.Start).ToArray());
    }

    public IReadOnlyList<WeeklyBlock> Weekly { get; }

    public IReadOnlyList<DatedBlock> Exceptions { get; }

    /// <summary>The blocks worked on a date, in order: its exception's if it has one, else the weekly ones.</summary>
    public IReadOnlyList<TimeBlock> BlocksOn(LocalDate date) =>
        _exceptions.TryGetValue(date, out var exception) ? exception : _byDay[(int)date.DayOfWeek];

    public string ToJson() => JsonSerializer.Serialize(
        new Stored(
            Weekly.Select(b => new StoredWeekly((int)b.Day, Format(b.Start), Format(b.End))).ToList(),
            Exceptions.Select(e => new StoredException(
                LocalDatePattern.Iso.Format(e.Date), e.Closed ? true : null,
                e.Start is { } s ? Format(s) : null, e.End is { } end ? Format(end) : null)).ToList()),
        StoredOptions);

    /// <summary>Reads what <see cref="ToJson"/> wrote (it was validated then, so it is trusted here).</summary>
    public static WorkingHours FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, StoredOptions);
        if (stored is null)
        {
            return Empty;
        }
        return new WorkingHours(
            (stored.Weekly ?? []).Select(w => new WeeklyBlock((IsoDayOfWeek)w.DayOfWeek, Parse(w.Start), Parse(w.End))),
            (stored.Exceptions ?? []).Select(e => new DatedBlock(
                LocalDatePattern.Iso.Parse(e.Date).Value,
                e.Closed == true || e.Start is null ? null : Parse(e.Start),
                e.Closed == true || e.End is null ? null : Parse(e.End))));
    }

    public static string Format(LocalTime time) => TimePattern.Format(time);

    private static LocalTime Parse(string text) => TimePattern.Parse(text).Value;

    private static readonly JsonSerializerOptions StoredOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Stored(List<StoredWeekly>? Weekly, List<StoredException>? Exceptions);

    private sealed record StoredWeekly(int DayOfWeek, string Start, string End);

    private sealed record StoredException(string Date, bool? Closed, string? Start, string? End);
}
