using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Browser.Tests.Support;

/// <summary>
/// Somebody else's web site: a tiny Kestrel on its own loopback port (so its own origin, unlike the app's) that serves
/// the HTML pages a test puts on it — e.g. a shop page embedding the widget from the app's address.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _pages = new(StringComparer.Ordinal);

    private HostSite(WebApplication app) => _app = app;

    /// <summary>Where the site listens, e.g. <c>http://127.0.0.1:41235</c> (no trailing slash: an origin).</summary>
    public string Origin { get; private set; } = "";

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new HostSite(app);
        app.Run(async http =>
        {
            if (site._pages.TryGetValue(http.Request.Path.Value ?? "", out var html))
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(html);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        site.Origin = new Uri(address).GetLeftPart(UriPartial.Authority);
        return site;
    }

    /// <summary>Puts a page at <paramref name="path"/> and returns its full URL.</summary>
    public string Serve(string path, string html)
    {
        _pages[path] = html;
        return Origin + path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
