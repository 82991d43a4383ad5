using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Widget;

internal static class WidgetVisitors
{
    public const string Shop = "https://shop.example.com";

    /// <summary>A browser on a page of <paramref name="origin"/> (null: no Origin header) calling with the public key.</summary>
    public static HttpClient WidgetVisitor(this ConversaFactory app, string key, string? origin = Shop)
    {
        var client = app.ClientWithKey(key);
        if (origin is not null)
        {
            client.DefaultRequestHeaders.Add("Origin", origin);
        }
        return client;
    }
}
