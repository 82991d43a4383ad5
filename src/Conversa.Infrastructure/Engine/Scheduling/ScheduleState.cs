using System.Globalization;
using System.Text.Json.Nodes;
using Conversa.Core.Language;
using Conversa.Core.Time;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>
/// The booking dialog's slots, read and written straight in <c>turn.Context.Slots</c> (so the engine stores them
/// with the context): <c>mode</c> (book, cancel, reschedule, or availability while that agent asks for the service),
/// <c>step</c> (what was asked last), <c>service_id</c>/<c>service</c>, <c>day</c> (ISO date, the tenant's local day),
/// <c>time</c> (HH:mm), <c>part</c> (part of the day), <c>provider_id</c>/<c>provider</c>, <c>any_provider</c>,
/// <c>name</c>, <c>booking_id</c> (the booking being cancelled or moved), <c>offered_days</c>, <c>choices</c>.
/// </summary>
public sealed class ScheduleState(JsonObject slots)
{
    public const string Book = "book";
    public const string Cancel = "cancel";
    public const string Reschedule = "reschedule";
    public const string Availability = "availability";

    public string Mode
    {
        get => Text("mode") ?? Book;
        set => slots["mode"] = value;
    }

    public string? Step
    {
        get => Text("step");
        set => Set("step", value);
    }

    public Guid? ServiceId
    {
        get => Id("service_id");
        set => Set("service_id", value?.ToString());
    }

    public string? ServiceName
    {
        get => Text("service");
        set => Set("service", value);
    }

    public Guid? ProviderId
    {
        get => Id("provider_id");
        set => Set("provider_id", value?.ToString());
    }

    public string? ProviderName
    {
        get => Text("provider");
        set => Set("provider", value);
    }

    public bool AnyProvider
    {
        get => slots["any_provider"] is JsonValue v && v.TryGetValue<bool>(out var any) && any;
        set => Set("any_provider", value ? JsonValue.Create(true) : null);
    }

    public LocalDate? Day
    {
        get => Text("day") is { } day && LocalDatePattern.Iso.Parse(day) is { Success: true } parsed ? parsed.Value : null;
        set => Set("day", value is { } day ? ZonedTime.FormatDate(day) : null);
    }

    public LocalTime? Time
    {
        get => Text("time") is { } time && LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(time) is { Success: true } parsed ? parsed.Value : null;
        set => Set("time", value?.ToString("HH':'mm", CultureInfo.InvariantCulture));
    }

    public DayPart? Part
    {
        get => Enum.TryParse<DayPart>(Text("part"), out var part) ? part : null;
        set => Set("part", value?.ToString());
    }

    public string? Name
    {
        get => Text("name");
        set => Set("name", value);
    }

    public Guid? BookingId
    {
        get => Id("booking_id");
        set => Set("booking_id", value?.ToString());
    }

    /// <summary>The days a list of slots showed, so "a las 10" after it means the first of them where 10:00 is free.</summary>
    public IReadOnlyList<LocalDate> OfferedDays
    {
        get => (slots["offered_days"] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? LocalDatePattern.Iso.Parse(s) : null)
            .Where(r => r is { Success: true }).Select(r => r!.Value).ToList();
        set => Set("offered_days", value.Count == 0 ? null : new JsonArray(value.Select(d => (JsonNode)JsonValue.Create(ZonedTime.FormatDate(d))).ToArray()));
    }

    /// <summary>The bookings listed for "which one?", in the order they were numbered.</summary>
    public IReadOnlyList<Guid> Choices
    {
        get => (slots["choices"] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        set => Set("choices", value.Count == 0 ? null : new JsonArray(value.Select(id => (JsonNode)JsonValue.Create(id.ToString())).ToArray()));
    }

    public void Clear() => slots.Clear();

    private string? Text(string key) => slots[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private Guid? Id(string key) => Guid.TryParse(Text(key), out var id) ? id : null;

    private void Set(string key, string? value) => Set(key, value is null ? null : JsonValue.Create(value));

    private void Set(string key, JsonNode? value)
    {
        if (value is null)
        {
            slots.Remove(key);
        }
        else
        {
            slots[key] = value;
        }
    }
}
