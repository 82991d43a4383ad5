using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>What the WhatsApp apps share: the fake Graph API they send to, and the platform's Meta app.</summary>
public interface IWhatsAppApp
{
    const string PlatformVerifyToken = "platform-verify-token";
    const string PlatformAppSecret = "platform-app-secret";

    ConversaFactory App { get; }

    FakeGraphApi Graph { get; }
}

internal static class WhatsAppHost
{
    public static void Configure(IWebHostBuilder builder, FakeGraphApi graph)
    {
        builder.UseSetting("Conversa:WhatsApp:GraphUrl", graph.BaseUrl);
        builder.UseSetting("Conversa:WhatsApp:ApiVersion", "v25.0");
        builder.UseSetting("Conversa:WhatsApp:VerifyToken", IWhatsAppApp.PlatformVerifyToken);
        builder.UseSetting("Conversa:WhatsApp:AppSecret", IWhatsAppApp.PlatformAppSecret);
    }
}

public sealed class WhatsAppSqliteFactory : SqliteFactory, IWhatsAppApp
{
    private FakeGraphApi? _graph;

    public ConversaFactory App => this;

    public FakeGraphApi Graph => _graph ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WhatsAppHost.Configure(builder, Graph);
    }
}

public sealed class WhatsAppPostgresFactory : PostgresFactory, IWhatsAppApp
{
    private FakeGraphApi? _graph;

    public ConversaFactory App => this;

    public FakeGraphApi Graph => _graph ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WhatsAppHost.Configure(builder, Graph);
    }
}

[CollectionDefinition(Name)]
public sealed class WhatsAppSqliteCollection : ICollectionFixture<WhatsAppSqliteFactory>
{
    public const string Name = "whatsapp-sqlite";
}

[CollectionDefinition(Name)]
public sealed class WhatsAppPostgresCollection : ICollectionFixture<WhatsAppPostgresFactory>
{
    public const string Name = "whatsapp-postgres";
}
