using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Benchmarks;

/// <summary>
/// The real Conversa app on Kestrel at 127.0.0.1 inside this process, on a fresh SQLite database in a
/// temp dir, configured like the API tests' factory but in the Production environment.
/// </summary>
// global::Program is Conversa.Api's entry point; this project's own Program is Conversa.Benchmarks.Program.
public sealed class ConversaApp : WebApplicationFactory<global::Program>
{
    public const string AdminEmail = "bench-admin@conversa.test";
    public const string AdminPassword = "bench-admin-password";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "conversa-bench", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    private ConversaApp(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the app; <paramref name="settings"/> override the defaults (e.g. another database, the Graph API's URL).</summary>
    public static ConversaApp Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new ConversaApp(settings ?? new Dictionary<string, string>());
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        app.Address = Loopback.Require(new Uri(addresses.Addresses.Single()));
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    /// <summary>
    /// Conversa.Api's project dir, from the manifest Mvc.Testing writes next to this assembly. The factory
    /// only looks for it in the current directory, which under <c>dotnet run</c> is the repository root.
    /// </summary>
    private static string ContentRoot()
    {
        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json"));
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(manifest)!;
        return roots[typeof(global::Program).Assembly.FullName!];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRoot());
        builder.UseEnvironment("Production");
        builder.UseSetting("Conversa:DataDir", _dataDir);
        builder.UseSetting("Conversa:Database", "sqlite");
        builder.UseSetting("Conversa:SeedDemo", "false");
        builder.UseSetting("Conversa:AdminEmail", AdminEmail);
        builder.UseSetting("Conversa:AdminPassword", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
