using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Contacts;

/// <summary>
/// A customer of the tenant: whoever books, writes on WhatsApp or chats on the widget. The phone is
/// normalised to E.164 and unique within the tenant, so every way in finds the same person;
/// <see cref="SearchText"/> is what <c>q</c> matches against.
/// </summary>
public sealed class Contact : ITenantOwned
{
    public const int MaxExternalRefLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    /// <summary>Lower case, so matching by email ignores case.</summary>
    public string? Email { get; set; }
    /// <summary>
    /// How a channel knows this contact when there is no phone: <c>api:{id}</c> for an API client's own id,
    /// <c>widget:{visitor}</c>, <c>user:{id}</c> for a staff user talking to their personal assistant. Unique per tenant.
    /// </summary>
    public string? ExternalRef { get; set; }
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public void Refresh(DateTime now)
    {
        SearchText = SearchTextOf(Name, Phone, Email);
        UpdatedAt = now;
    }

    public static string SearchTextOf(string name, string? phone, string? email) =>
        string.Join(' ', new[] { name, phone, email }.Select(ProductSearch.Normalize).Where(s => s.Length > 0));
}
