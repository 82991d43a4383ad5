using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Meta's Graph API on loopback inside the bench process, for the replies: <c>POST /{version}/{phone_number_id}/messages</c>
/// answered like <c>whatsapp_send_text_response.json</c>. Each reply's arrival time is handed to whoever waits for a
/// reply to that recipient; replies nobody waits for are counted.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private long _received;
    private long _unexpected;

    private FakeGraph(WebApplication app) => _app = app;

    public Uri Address => Loopback.Require(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Replies to a recipient nobody waited for (a second reply to one message, or one that came after its wait timed out).</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var graph = new FakeGraph(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", graph.SendAsync);
        await app.StartAsync();
        return graph;
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the next reply to <paramref name="recipient"/>.</summary>
    public Task<long> NextReplyTo(string recipient)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(recipient, waiter))
        {
            throw new InvalidOperationException($"Already waiting for a reply to {recipient}.");
        }
        return waiter.Task;
    }

    public void StopWaiting(string recipient) => _waiting.TryRemove(recipient, out _);

    private async Task SendAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var to = (body?["to"]?.GetValue<string>() ?? "").TrimStart('+');
        Interlocked.Increment(ref _received);
        if (_waiting.TryRemove(to, out var waiter))
        {
            waiter.TrySetResult(arrived);
        }
        else
        {
            Interlocked.Increment(ref _unexpected);
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = $"wamid.bench-reply.{Guid.NewGuid():N}" }),
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
