using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>
/// A small server on a loopback port speaking the parts of Meta's Graph API the WhatsApp channel uses:
/// <c>POST /{version}/{phone_number_id}/messages</c> (answered like <c>whatsapp_send_text_response.json</c> with a fresh
/// <c>wamid</c>), <c>GET /{version}/{media_id}</c> (a media URL on this server, as in <c>whatsapp_media_download_flow.json</c>)
/// and <c>GET /media/{media_id}</c> (the bytes). Media calls without <see cref="AccessToken"/> as bearer are 401. It records
/// every request and can be told to answer a sequence of failures first, or to hold sends unanswered (<see cref="Hold"/>).
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, JsonObject? Body)> _failures = new();
    private readonly object _holdLock = new();
    private TaskCompletionSource? _hold;
    private int _sent;
    private int _held;

    private FakeGraphApi() => _server = new LoopbackServer(MapRoutes);

    public ConcurrentQueue<GraphRequest> Requests { get; } = new();

    /// <summary>The sends answered with a message id (2xx), in the order they were answered.</summary>
    public ConcurrentQueue<GraphRequest> Accepted { get; } = new();

    /// <summary>How many sends are waiting for <see cref="Release"/> now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>The bearer token media downloads must carry.</summary>
    public string AccessToken { get; set; } = "EAAJB-test-token";

    public byte[] MediaBytes { get; set; } = [0x4f, 0x67, 0x67, 0x53, 1, 2, 3, 4];

    public string MediaType { get; set; } = "audio/ogg";

    public string BaseUrl => _server.BaseAddress;

    public static async Task<FakeGraphApi> StartAsync()
    {
        var fake = new FakeGraphApi();
        await fake._server.StartAsync();
        return fake;
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{version}/{phoneNumberId}/messages", SendAsync);
        routes.MapGet("/media/{mediaId}", DownloadAsync);
        routes.MapGet("/{version}/{mediaId}", MediaUrlAsync);
    }

    /// <summary>The next sends answer <paramref name="status"/> (with Meta's error body) before any succeeds.</summary>
    public void FailNext(int status, int times = 1, string? retryAfter = null, int code = 131000, string message = "Something went wrong")
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((status, retryAfter, new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "Atest" },
            }));
        }
    }

    /// <summary>
    /// From now on sends get no answer (nothing is accepted) until <see cref="Release"/>, which answers them 503 — like a
    /// provider that failed before accepting. A send answered before this call stays accepted.
    /// </summary>
    public void Hold()
    {
        lock (_holdLock)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held sends 503 (none of them accepted) and lets new sends through again.</summary>
    public void Release()
    {
        lock (_holdLock)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    /// <summary>Sends whose body matches answer 500 (a transient error) until it is cleared.</summary>
    public Func<JsonNode?, bool>? Refuse { get; set; }

    /// <summary>The message sends to one number, in arrival order.</summary>
    public List<GraphRequest> SendsFrom(string phoneNumberId) =>
        Requests.Where(r => r.Method == "POST" && r.Path.EndsWith($"/{phoneNumberId}/messages", StringComparison.Ordinal)).ToList();

    /// <summary>Waits until <paramref name="count"/> sends to the number arrived (the inbox and outbox work in the background).</summary>
    public async Task<List<GraphRequest>> WaitForSendsAsync(string phoneNumberId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var sends = SendsFrom(phoneNumberId);
            if (sends.Count >= count)
            {
                return sends;
            }
            await Task.Delay(50);
        }
        return SendsFrom(phoneNumberId);
    }

    private async Task SendAsync(HttpContext context, string version, string phoneNumberId)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var request = new GraphRequest("POST", context.Request.Path, context.Request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(request);
        Task? hold;
        lock (_holdLock)
        {
            hold = _hold?.Task;
        }
        if (hold is not null)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await hold.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Service temporarily unavailable", code = 2, fbtrace_id = "Aheld" } });
            return;
        }
        if (Refuse is { } refuse && refuse(body))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "refused by the test", code = 1, fbtrace_id = "Atest" } });
            return;
        }
        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }
            await context.Response.WriteAsJsonAsync(failure.Body);
            return;
        }
        var to = body?["to"]?.GetValue<string>() ?? "";
        var id = $"wamid.fake{Interlocked.Increment(ref _sent)}.{Guid.NewGuid():N}";
        Accepted.Enqueue(request);
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to.TrimStart('+') }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    private async Task MediaUrlAsync(HttpContext context, string version, string mediaId)
    {
        Requests.Enqueue(new GraphRequest("GET", context.Request.Path, context.Request.Headers.Authorization.ToString(), null));
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Invalid OAuth access token", code = 190 } });
            return;
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["url"] = $"{BaseUrl}/media/{mediaId}",
            ["mime_type"] = MediaType,
            ["sha256"] = "test",
            ["file_size"] = MediaBytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = mediaId,
        });
    }

    private async Task DownloadAsync(HttpContext context, string mediaId)
    {
        Requests.Enqueue(new GraphRequest("GET", context.Request.Path, context.Request.Headers.Authorization.ToString(), null));
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            context.Response.StatusCode = 401;
            return;
        }
        context.Response.ContentType = MediaType;
        await context.Response.Body.WriteAsync(MediaBytes);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

public sealed record GraphRequest(string Method, string Path, string Authorization, JsonNode? Body);
