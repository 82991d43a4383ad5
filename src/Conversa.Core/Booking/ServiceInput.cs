using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>A service as clients send it (<c>POST</c>/<c>PUT /api/services</c>, and imported treatment durations).</summary>
public sealed record ServiceInput(
    string? Name,
    int? DurationMinutes,
    decimal? Price = null,
    int? BufferMinutes = null,
    string? Description = null,
    bool? Active = null,
    string? Currency = null)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MinDuration = 5;
    public const int MaxDuration = 24 * 60;
    public const int MaxBuffer = 240;

    public ServiceInput Normalized() => this with
    {
        Name = Clean(Name),
        Description = Clean(Description),
        Currency = Clean(Currency)?.ToUpperInvariant(),
    };

    public IReadOnlyList<FieldError> Validate()
    {
        var input = Normalized();
        var errors = new List<FieldError>();
        void Check(bool invalid, string field, string message)
        {
            if (invalid)
            {
                errors.Add(new FieldError(field, message));
            }
        }

        Check(input.Name is null, "name", "name is required.");
        Check(input.Name?.Length > MaxNameLength, "name", $"name is at most {MaxNameLength} characters.");
        Check(input.Name is not null && Service.SlugOf(input.Name).Length == 0, "name", "name needs at least one letter or digit.");
        Check(input.DurationMinutes is null, "duration_minutes", "duration_minutes is required.");
        Check(input.DurationMinutes is < MinDuration or > MaxDuration, "duration_minutes",
            $"duration_minutes must be between {MinDuration} and {MaxDuration}.");
        Check(input.BufferMinutes is < 0 or > MaxBuffer, "buffer_minutes", $"buffer_minutes must be between 0 and {MaxBuffer}.");
        Check(input.Price < 0, "price", "price must be zero or more.");
        Check(input.Price > Money.MaxAmount, "price", $"price must be at most {Money.MaxAmount}.");
        Check(input.Price is { } p && !Money.HasSupportedPrecision(p), "price", $"price has at most {Money.Decimals} decimal places.");
        Check(input.Currency is not null && !TenantValidation.IsValidCurrency(input.Currency), "currency",
            "currency must be an ISO 4217 code such as USD, EUR or COP.");
        Check(input.Description?.Length > MaxDescriptionLength, "description", $"description is at most {MaxDescriptionLength} characters.");
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
