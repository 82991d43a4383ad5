using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>
/// Something a tenant books: a treatment, a consultation, a test drive. <see cref="Slug"/> is the name folded
/// (case, accents, punctuation) and unique per tenant, so "Limpieza Facial" and "limpieza facial" are one service.
/// A booking occupies its provider for <see cref="DurationMinutes"/> plus <see cref="BufferMinutes"/> kept free after it.
/// </summary>
public sealed class Service : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public int DurationMinutes { get; set; }
    public int BufferMinutes { get; set; }
    public decimal? Price { get; set; }
    public string Currency { get; set; } = "";
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Replaces every field with the input's (which must have passed <see cref="ServiceInput.Validate"/>).</summary>
    public void Apply(ServiceInput input, string defaultCurrency, DateTime now)
    {
        var normalized = input.Normalized();
        Name = normalized.Name!;
        Slug = SlugOf(Name);
        DurationMinutes = normalized.DurationMinutes!.Value;
        BufferMinutes = normalized.BufferMinutes ?? 0;
        Price = normalized.Price is { } price ? Money.Normalize(price) : null;
        Currency = normalized.Currency ?? defaultCurrency;
        Description = normalized.Description;
        Active = normalized.Active ?? true;
        UpdatedAt = now;
    }

    /// <summary>The name as a key: lower case, accents folded, words joined by dashes ("Limpieza Fácial" → "limpieza-facial").</summary>
    public static string SlugOf(string name) => ProductSearch.Normalize(name).Replace(' ', '-');
}
