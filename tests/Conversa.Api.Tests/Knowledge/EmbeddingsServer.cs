using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversa.Api.Tests.Knowledge;

/// <summary>
/// A small OpenAI-compatible server on a loopback port that speaks <c>POST /v1/embeddings</c>: each input gets
/// a 64-dimension bag of letters and letter pairs, enough to rank related texts together. It records the
/// requests and can be told to fail.
/// </summary>
public sealed class EmbeddingsServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    public ConcurrentQueue<(string? Authorization, string Model, int Inputs)> Requests { get; } = new();

    public int FailWithStatus { get; set; }

    private EmbeddingsServer() => _server = new LoopbackServer(MapRoutes);

    public string BaseUrl => _server.BaseAddress + "/v1";

    public static async Task<EmbeddingsServer> StartAsync()
    {
        var fake = new EmbeddingsServer();
        await fake._server.StartAsync();
        return fake;
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/embeddings", HandleAsync);
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!;
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        Requests.Enqueue((request.Headers.Authorization.ToString(), body["model"]!.GetValue<string>(), inputs.Count));
        if (FailWithStatus != 0)
        {
            return Results.Json(new { error = new { message = "stub failure", type = "server_error" } }, statusCode: FailWithStatus);
        }
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = inputs.Select((text, i) =>
        {
            var vector = Vector(text);
            return new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64
                    ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                    : new JsonArray(vector.Select(v => (JsonNode)v).ToArray()),
            };
        });
        return Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(data.ToArray()),
            ["model"] = body["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
        });
    }

    private static float[] Vector(string text)
    {
        var vector = new float[64];
        var letters = text.ToLowerInvariant().Where(char.IsLetter).ToArray();
        for (var i = 0; i < letters.Length; i++)
        {
            vector[letters[i] % 32] += 1;
            if (i > 0)
            {
                vector[32 + (letters[i - 1] * 7 + letters[i]) % 32] += 1;
            }
        }
        return vector;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
