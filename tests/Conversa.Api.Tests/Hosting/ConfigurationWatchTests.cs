using Conversa.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Hosting;

/// <summary>
/// Settings files are read once: a reloading appsettings.json watches the content root recursively, and under
/// <c>dotnet run</c> that is where ./data (the SQLite database) lives, so every write woke the watcher.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ConfigurationWatchTests(SqliteFactory factory)
{
    [Fact]
    public void No_settings_file_is_watched_for_changes()
    {
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        files.Should().Contain(p => p.Source.Path == "appsettings.json");
        files.Should().OnlyContain(p => !p.Source.ReloadOnChange);
    }
}
