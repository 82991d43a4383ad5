namespace Conversa.Core.Catalog;

public static class WebAddress
{
    /// <summary>An absolute http or https URL with a host: what a customer's phone can open.</summary>
    public static bool IsAbsoluteHttp(string? value, int maxLength = 2048) =>
        value is not null && value.Length <= maxLength &&
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        uri.Host.Length > 0;
}
