using Conversa.Core.Booking;

namespace Conversa.Api.Features.Booking;

/// <summary>A service as the API shows it.</summary>
public sealed record ServiceView(
    Guid Id, string Name, string Slug, int DurationMinutes, int BufferMinutes, decimal? Price, string Currency, string? Description,
    bool Active, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ServiceView From(Service s) =>
        new(s.Id, s.Name, s.Slug, s.DurationMinutes, s.BufferMinutes, s.Price, s.Currency, s.Description, s.Active, s.CreatedAt, s.UpdatedAt);
}
