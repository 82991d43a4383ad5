using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Benchmarks;

/// <summary>
/// The baseline: a minimal web app in this process with the same <c>GET /health</c> body as Conversa's,
/// so the difference to Conversa's figures is Conversa's own pipeline, and a <c>POST /webhook</c> that reads the whole body
/// and answers an empty <c>200</c>, as a webhook acknowledgement does.
/// </summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrel(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareKestrel> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => TypedResults.Ok(new Health("healthy")));
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return TypedResults.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareKestrel(app, Loopback.Require(new Uri(address)));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Health(string Status);
}
