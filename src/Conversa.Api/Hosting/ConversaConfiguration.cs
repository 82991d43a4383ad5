using Conversa.Infrastructure.Configuration;

namespace Conversa.Api.Hosting;

public static class ConversaConfiguration
{
    /// <summary>
    /// Layers the <c>CONVERSA_*</c> variables of API.md over <c>appsettings.json</c>'s <c>Conversa:</c>
    /// section. <c>ASPNETCORE_URLS</c>/<c>--urls</c> keep their usual meaning.
    /// </summary>
    public static void AddConversaSettings(this ConfigurationManager configuration)
    {
        // `dotnet run` keeps the caller's directory as content root (so ./data is where the user is);
        // the shipped appsettings.json next to the binary is then the lowest-precedence source.
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) && File.Exists(shipped))
        {
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }
        configuration.AddInMemoryCollection(EnvironmentSettings.FromEnvironment());
    }
}
