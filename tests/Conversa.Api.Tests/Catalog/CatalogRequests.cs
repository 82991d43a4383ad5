using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Core.Catalog;

namespace Conversa.Api.Tests.Catalog;

/// <summary>Requests the catalog tests repeat: creating products, signing and sending a catalog snapshot.</summary>
internal static class CatalogRequests
{
    public static async Task<JsonNode> CreateProductAsync(this HttpClient client, object product) =>
        await client.PostJsonAsync("/api/products", product, 201);

    public static async Task<string> CatalogSecretAsync(this HttpClient manager) =>
        (await manager.GetJsonAsync("/api/catalog/secret"))["secret"]!.GetValue<string>();

    public static string Snapshot(string version, params object[] products) =>
        JsonSerializer.Serialize(new { version, products }, Http.Options);

    /// <summary>POST /api/catalog/publish with the body exactly as given, signed with <paramref name="secret"/> unless null.</summary>
    public static Task<HttpResponseMessage> PublishAsync(
        this HttpClient client, string body, string? secret, string? tenant = null, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/publish") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null || secret is not null)
        {
            request.Headers.Add(CatalogSignature.HeaderName, signature ?? CatalogSignature.Sign(secret!, bytes));
        }
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant-ID", tenant);
        }
        return client.SendAsync(request);
    }

    public static async Task<List<string>> ProductNamesAsync(this HttpClient client, string query = "") =>
        (await client.GetJsonAsync("/api/products?limit=200" + query))["items"]!.AsArray()
            .Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}
