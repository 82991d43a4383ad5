using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Conversa.Browser.Tests.Support;

/// <summary>
/// The real app on SQLite, served by Kestrel on a loopback port (a browser cannot reach
/// WebApplicationFactory's in-memory server), plus one headless system Chromium, shared by a test
/// collection. Each test opens its own browser context, so cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "root@conversa.test";
    public const string AdminPassword = "root-password-for-tests";

    // The system Chromium (apt-get install chromium): nothing is downloaded at run time.
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "conversa-browser-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single());

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public new async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    /// <summary>A fresh browser context (its own cookies and storage) whose relative URLs go to the app.</summary>
    public Task<IBrowserContext> NewContextAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser is not running.");
        return browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Conversa:DataDir", DataDir);
        builder.UseSetting("Conversa:Database", "sqlite");
        builder.UseSetting("Conversa:SeedDemo", "false");
        builder.UseSetting("Conversa:AdminEmail", AdminEmail);
        builder.UseSetting("Conversa:AdminPassword", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
