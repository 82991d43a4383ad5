using Conversa.Api.Features;
using Conversa.Api.Hosting;
using Conversa.Infrastructure;


if (await CommandLine.TryRunAsync(args))
{
    return;
}

// Settings are read at start-up. Watching appsettings.json for changes puts a recursive inotify watch on the content
// root, which under `dotnet run` holds ./data: every SQLite write then woke the watcher (~7 % of the CPU of a webhook burst).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.Configuration.AddConversaSettings();
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
builder.Logging.AddConsole(o => o.FormatterName = TenantConsoleFormatter.Name)
    .AddConsoleFormatter<TenantConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

builder.Services.AddConversaInfrastructure();
builder.Services.AddConversaApi();

var app = builder.Build();
await StartupTasks.RunAsync(app.Services);
app.UseConversaPipeline();
app.MapConversaEndpoints();
app.Run();

/// <summary>The entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
