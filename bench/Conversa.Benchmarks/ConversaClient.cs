using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Conversa.Benchmarks;

/// <summary>The few API calls the scenarios need to set themselves up: sign in, create plans and tenants, read /metrics.</summary>
public sealed class ConversaClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = Loopback.CreateClient(address, maxConnections: 16);

    public async Task<string> LoginAsync(string email, string password)
    {
        var body = await ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { email, password }));
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>Creates a tenant (with an owner when a password is given) and returns its id and secret key.</summary>
    public async Task<CreatedTenant> CreateTenantAsync(string adminToken, string slug, string? ownerPassword = null, string plan = "free")
    {
        var body = await SendAsAsync(adminToken, HttpMethod.Post, "/api/admin/tenants", new
        {
            slug,
            name = "Bench " + slug,
            plan,
            owner = ownerPassword is null ? null : new { email = $"owner@{slug}.test", password = ownerPassword, name = "Owner" },
        });
        return new CreatedTenant(Guid.Parse(body["tenant"]!["id"]!.GetValue<string>()), slug, body["api_key"]!["key"]!.GetValue<string>());
    }

    public async Task CreatePlanAsync(string adminToken, string name, int rateLimitPerMinute) =>
        await SendAsAsync(adminToken, HttpMethod.Post, "/api/admin/plans", new { name, rate_limit_per_minute = rateLimitPerMinute });

    /// <summary>Sends a request and fails loudly unless it succeeds: set-up must not silently measure errors.</summary>
    public async Task EnsureOkAsync(HttpRequestMessage request)
    {
        using (request)
        {
            await ReadAsync(await _http.SendAsync(request));
        }
    }

    /// <summary>One gauge from GET /metrics.</summary>
    public async Task<double> MetricAsync(string name)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Every sample line of GET /metrics whose name starts with <paramref name="prefix"/>, as printed.</summary>
    public async Task<List<string>> MetricLinesAsync(string prefix)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsAsync(string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ReadAsync(await _http.SendAsync(request));
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            }
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
        }
    }
}
