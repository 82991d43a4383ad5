using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conversa.Api.Tests.Support;

/// <summary>
/// The app on one kind of database, started once per test collection. Tests create their own tenants
/// with random slugs, so they never depend on each other or on order.
/// </summary>
public abstract class ConversaFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "root@conversa.test";
    public const string AdminPassword = "root-password-for-tests";

    private string? _adminToken;

    protected ConversaFactory()
    {
        // Before any context runs: pooled contexts remember for a while whether anyone listens to their commands.
        EfCommands.Listen();
    }

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "conversa-tests", Guid.NewGuid().ToString("N"));

    public abstract string Kind { get; }

    /// <summary>Extra <c>Conversa:</c> settings for this database kind.</summary>
    protected abstract IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public new virtual async Task DisposeAsync()
    {
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Conversa:DataDir", DataDir);
        builder.UseSetting("Conversa:AdminEmail", AdminEmail);
        builder.UseSetting("Conversa:AdminPassword", AdminPassword);
        builder.UseSetting("Conversa:SeedDemo", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (key, value) in DatabaseSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client signed in as the platform superadmin.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        _adminToken ??= await Http.LoginAsync(CreateClient(), AdminEmail, AdminPassword);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _adminToken);
        return client;
    }

    /// <summary>Creates a tenant through the admin API, with an owner and a secret key.</summary>
    public async Task<TestTenant> CreateTenantAsync(string? slug = null, object? extra = null)
    {
        slug ??= "t-" + Guid.NewGuid().ToString("N")[..12];
        var admin = await AdminClientAsync();
        var ownerEmail = $"owner-{slug}@example.com";
        var ownerPassword = "owner-pass-" + slug;
        var body = Http.Merge(new
        {
            slug,
            name = "Tenant " + slug,
            timezone = "America/Bogota",
            owner = new { email = ownerEmail, password = ownerPassword, name = "Owner " + slug },
        }, extra);
        var created = await Http.ReadAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(body)), 201);
        var tenant = new TestTenant(
            this,
            Guid.Parse(created["tenant"]!["id"]!.GetValue<string>()),
            slug,
            created["api_key"]!["key"]!.GetValue<string>(),
            ownerEmail,
            ownerPassword);
        return tenant;
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}

/// <summary>A tenant made for one test: its id, slug, secret key and owner.</summary>
public sealed record TestTenant(ConversaFactory App, Guid Id, string Slug, string Key, string OwnerEmail, string OwnerPassword)
{
    public HttpClient KeyClient() => App.ClientWithKey(Key);

    public async Task<HttpClient> OwnerClientAsync() =>
        App.ClientWithToken(await Http.LoginAsync(App.CreateClient(), OwnerEmail, OwnerPassword));
}
