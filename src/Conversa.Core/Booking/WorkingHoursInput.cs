using Conversa.Core.Catalog;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Core.Booking;

/// <summary><c>PUT /api/providers/{id}/availability</c>: weekly blocks and dated exceptions, as clients send them.</summary>
public sealed record WorkingHoursInput(IReadOnlyList<WeeklyBlockInput>? Weekly, IReadOnlyList<DatedBlockInput>? Exceptions)
{
    public const int MaxWeekly = 100;
    public const int MaxExceptions = 1000;

    /// <summary>Field errors (<c>weekly[2].end</c>, <c>exceptions[0].date</c>); when there are none, the hours.</summary>
    public IReadOnlyList<FieldError> Validate(out WorkingHours? hours)
    {
        hours = null;
        var errors = new List<FieldError>();
        var weekly = new List<(int Index, WeeklyBlock Block)>();
        var exceptions = new List<(int Index, DatedBlock Block)>();
        var weeklyInput = Weekly ?? [];
        var exceptionInput = Exceptions ?? [];
        if (weeklyInput.Count > MaxWeekly)
        {
            errors.Add(new FieldError("weekly", $"weekly has at most {MaxWeekly} blocks."));
        }
        if (exceptionInput.Count > MaxExceptions)
        {
            errors.Add(new FieldError("exceptions", $"exceptions has at most {MaxExceptions} entries."));
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        for (var i = 0; i < weeklyInput.Count; i++)
        {
            var field = $"weekly[{i}].";
            if (weeklyInput[i] is not { } block)
            {
                errors.Add(new FieldError($"weekly[{i}]", "each weekly block is an object {day_of_week, start, end}."));
                continue;
            }
            if (block.DayOfWeek is not (>= 1 and <= 7))
            {
                errors.Add(new FieldError(field + "day_of_week", "day_of_week must be 1 (Monday) to 7 (Sunday)."));
            }
            if (ReadSpan(block.Start, block.End, field, errors) is { } span && block.DayOfWeek is >= 1 and <= 7)
            {
                weekly.Add((i, new WeeklyBlock((IsoDayOfWeek)block.DayOfWeek.Value, span.Start, span.End)));
            }
        }
        foreach (var day in weekly.GroupBy(w => w.Block.Day))
        {
            CheckOverlaps(day.Select(d => (d.Index, new TimeBlock(d.Block.Start, d.Block.End))), "weekly", errors);
        }

        for (var i = 0; i < exceptionInput.Count; i++)
        {
            var field = $"exceptions[{i}].";
            if (exceptionInput[i] is not { } exception)
            {
                errors.Add(new FieldError($"exceptions[{i}]", "each exception is an object {date, closed?, start?, end?}."));
                continue;
            }
            var date = exception.Date is { } text ? LocalDatePattern.Iso.Parse(text.Trim()) : null;
            if (date is not { Success: true })
            {
                errors.Add(new FieldError(field + "date", "date must be a date such as 2026-12-24."));
            }
            if (exception.Closed == true)
            {
                if (exception.Start is not null || exception.End is not null)
                {
                    errors.Add(new FieldError(field + "closed", "a closed date has no start or end; send the hours without closed instead."));
                }
                else if (date is { Success: true })
                {
                    exceptions.Add((i, new DatedBlock(date.Value, null, null)));
                }
                continue;
            }
            if (ReadSpan(exception.Start, exception.End, field, errors) is { } span && date is { Success: true })
            {
                exceptions.Add((i, new DatedBlock(date.Value, span.Start, span.End)));
            }
        }
        foreach (var day in exceptions.GroupBy(e => e.Block.Date))
        {
            if (day.Any(d => d.Block.Closed) && day.Any(d => !d.Block.Closed))
            {
                var index = day.First(d => d.Block.Closed).Index;
                errors.Add(new FieldError($"exceptions[{index}].closed", $"{LocalDatePattern.Iso.Format(day.Key)} is both closed and given hours."));
                continue;
            }
            CheckOverlaps(day.Where(d => !d.Block.Closed).Select(d => (d.Index, new TimeBlock(d.Block.Start!.Value, d.Block.End!.Value))),
                "exceptions", errors);
        }

        if (errors.Count == 0)
        {
            hours = new WorkingHours(weekly.Select(w => w.Block), exceptions.Select(e => e.Block).DistinctBy(e => (e.Date, e.Start)));
        }
        return errors;
    }

    private static TimeBlock? ReadSpan(string? startText, string? endText, string field, List<FieldError> errors)
    {
        var start = ReadTime(startText, field + "start", errors);
        var end = ReadTime(endText, field + "end", errors);
        if (start is null || end is null)
        {
            return null;
        }
        if (start >= end)
        {
            errors.Add(new FieldError(field + "end", $"end ({WorkingHours.Format(end.Value)}) must be after start ({WorkingHours.Format(start.Value)})."));
            return null;
        }
        return new TimeBlock(start.Value, end.Value);
    }

    private static LocalTime? ReadTime(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, $"{field[(field.LastIndexOf('.') + 1)..]} is required, as HH:mm (e.g. 09:00)."));
            return null;
        }
        var parsed = WorkingHours.TimePattern.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors.Add(new FieldError(field, $"'{(text.Length > 20 ? text[..20] : text)}' is not a time as HH:mm (e.g. 09:00)."));
            return null;
        }
        return parsed.Value;
    }

    private static void CheckOverlaps(IEnumerable<(int Index, TimeBlock Block)> blocks, string list, List<FieldError> errors)
    {
        var ordered = blocks.OrderBy(b => b.Block.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            // Compare with the block that reaches furthest so far, so 09-17 is caught against 12-13 after 10-11.
            var (previousIndex, previous) = ordered.Take(i).MaxBy(b => b.Block.End);
            var (index, block) = ordered[i];
            if (block.Start < previous.End)
            {
                errors.Add(new FieldError($"{list}[{index}].start",
                    $"{WorkingHours.Format(block.Start)}-{WorkingHours.Format(block.End)} overlaps {list}[{previousIndex}] " +
                    $"({WorkingHours.Format(previous.Start)}-{WorkingHours.Format(previous.End)}) on the same day."));
            }
        }
    }
}

public sealed record WeeklyBlockInput(int? DayOfWeek, string? Start, string? End);

public sealed record DatedBlockInput(string? Date, bool? Closed = null, string? Start = null, string? End = null);
