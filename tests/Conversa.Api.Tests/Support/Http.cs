using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversa.Api.Tests.Support;

/// <summary>Small helpers for talking JSON to the app and asserting on what comes back.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, Options), Encoding.UTF8, "application/json");

    public static StringContent Raw(string body, string contentType = "application/json") =>
        new(body, Encoding.UTF8, contentType);

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(expectedStatus, "the body was: {0}", text);
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, int expectedStatus)
    {
        var problem = await ReadAsync(response, expectedStatus);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        problem["status"]!.GetValue<int>().Should().Be(expectedStatus);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["access_token"]!.GetValue<string>();
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url, int expectedStatus = 200) =>
        await ReadAsync(await client.GetAsync(url), expectedStatus);

    public static async Task<JsonNode> PostJsonAsync(this HttpClient client, string url, object body, int expectedStatus) =>
        await ReadAsync(await client.PostAsync(url, Json(body)), expectedStatus);

    public static async Task<JsonNode> PatchJsonAsync(this HttpClient client, string url, object body, int expectedStatus) =>
        await ReadAsync(await client.PatchAsync(url, Json(body)), expectedStatus);

    /// <summary>Shallow-merges the properties of <paramref name="extra"/> over <paramref name="body"/>.</summary>
    public static JsonObject Merge(object body, object? extra)
    {
        var result = JsonSerializer.SerializeToNode(body, Options)!.AsObject();
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, Options)!.AsObject())
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }
}
