using System.Net;
using System.Net.Http.Headers;
using Conversa.Core.Channels;

namespace Conversa.Api.Tests.Channels.Durability;

/// <summary>One signed webhook to deliver: where to post it and its raw bytes.</summary>
public sealed record Webhook(string Path, byte[] Body);

/// <summary>
/// Delivers webhooks the way Meta does: a few in flight at once, each posted again and again until it is answered
/// 200 — a refused connection, a reset one or any other status is a failed delivery, retried after a short pause.
/// Only webhooks below <see cref="Open"/>'s limit are posted a first time; redeliveries never wait for it.
/// </summary>
public sealed class RedeliveringSender(Uri server, string appSecret, int inFlight)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private int _next = -1;
    private int _limit;
    private int _acknowledged;
    private int _failedDeliveries;

    /// <summary>Webhooks answered 200.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Deliveries that were not answered 200 and had to be made again.</summary>
    public int FailedDeliveries => Volatile.Read(ref _failedDeliveries);

    /// <summary>Lets webhooks up to (not including) <paramref name="limit"/> be posted.</summary>
    public void Open(int limit) => Volatile.Write(ref _limit, limit);

    /// <summary>Delivers every webhook; ends when all were acknowledged.</summary>
    public async Task DeliverAllAsync(IReadOnlyList<Webhook> webhooks, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(20),
        };
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref _next); i < webhooks.Count; i = Interlocked.Increment(ref _next))
            {
                while (i >= Volatile.Read(ref _limit))
                {
                    await Task.Delay(10, cancellationToken);
                }
                while (!await DeliverAsync(http, webhooks[i], cancellationToken))
                {
                    Interlocked.Increment(ref _failedDeliveries);
                    await Task.Delay(Pause, cancellationToken);
                }
                Interlocked.Increment(ref _acknowledged);
            }
        }, cancellationToken)));
    }

    private async Task<bool> DeliverAsync(HttpClient http, Webhook webhook, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(webhook.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WhatsAppSignature.HeaderName, WhatsAppSignature.Sign(appSecret, webhook.Body));
        try
        {
            using var response = await http.PostAsync(webhook.Path, content, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
