using Conversa.Core.Booking;

namespace Conversa.Api.Features.Booking;

/// <summary>A provider as the API shows it; <c>timezone</c> is its own (null: the tenant's).</summary>
public sealed record ProviderView(
    Guid Id, string Name, IReadOnlyList<Guid> ServiceIds, string? Timezone, bool Active, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ProviderView From(Provider p, IEnumerable<Guid> serviceIds) =>
        new(p.Id, p.Name, serviceIds.Order().ToList(), p.Timezone, p.Active, p.CreatedAt, p.UpdatedAt);
}

/// <summary><c>GET|PUT /api/providers/{id}/availability</c>: the hours and the zone they are read in.</summary>
public sealed record ProviderHoursView(Guid ProviderId, string Timezone, IReadOnlyList<WeeklyBlockView> Weekly, IReadOnlyList<DatedBlockView> Exceptions)
{
    public static ProviderHoursView From(Provider provider, string zone)
    {
        var hours = provider.Hours();
        return new ProviderHoursView(
            provider.Id,
            zone,
            hours.Weekly.Select(w => new WeeklyBlockView((int)w.Day, WorkingHours.Format(w.Start), WorkingHours.Format(w.End))).ToList(),
            hours.Exceptions.Select(e => new DatedBlockView(
                NodaTime.Text.LocalDatePattern.Iso.Format(e.Date), e.Closed,
                e.Start is { } s ? WorkingHours.Format(s) : null, e.End is { } end ? WorkingHours.Format(end) : null)).ToList());
    }
}

public sealed record WeeklyBlockView(int DayOfWeek, string Start, string End);

public sealed record DatedBlockView(string Date, bool Closed, string? Start, string? End);
