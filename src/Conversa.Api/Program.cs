using Conversa.Api.Features;
using Conversa.Api.Hosting;
using Conversa.Infrastructure;


if (await CommandLine.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
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
