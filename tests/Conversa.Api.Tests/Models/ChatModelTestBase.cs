using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Models;

/// <summary>
/// Starts the two fake model servers for each test, makes tenants whose <c>settings.ai</c> point at them through the
/// tenant API, and resolves models the way the engine will: inside <see cref="TenantScope"/> of a host's real container.
/// </summary>
public abstract class ChatModelTestBase(ConversaFactory app) : IAsyncLifetime
{
    protected ConversaFactory App => app;

    protected OpenAiChatServer OpenAi { get; private set; } = null!;

    protected AnthropicServer Anthropic { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        OpenAi = await OpenAiChatServer.StartAsync();
        Anthropic = await AnthropicServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await OpenAi.DisposeAsync();
        await Anthropic.DisposeAsync();
    }

    protected object OpenAiSettings(string model = "gpt-test", string key = "sk-tenant-openai") =>
        new { provider = "openai", model, base_url = OpenAi.BaseUrl, api_key = key };

    protected object AnthropicSettings(string model = "claude-test", string key = "sk-ant-tenant") =>
        new { provider = "anthropic", model, base_url = Anthropic.BaseUrl, api_key = key };

    protected object Settings(string provider) => provider == "openai" ? OpenAiSettings() : AnthropicSettings();

    protected IReadOnlyList<FakeModelRequest> RequestsTo(string provider) =>
        provider == "openai" ? [.. OpenAi.Requests] : [.. Anthropic.Requests];

    protected void FailWith(string provider, int status)
    {
        OpenAi.FailWithStatus = provider == "openai" ? status : 0;
        Anthropic.FailWithStatus = provider == "anthropic" ? status : 0;
    }

    /// <summary>A new tenant (through the admin API) whose owner then sets <c>settings.ai</c> (when given) through the tenant API.</summary>
    protected async Task<TestTenant> TenantAsync(object? ai = null)
    {
        var tenant = await app.CreateTenantAsync();
        if (ai is not null)
        {
            await PatchAiAsync(tenant, ai);
        }
        return tenant;
    }

    protected static async Task PatchAiAsync(TestTenant tenant, object ai) =>
        await (await tenant.OwnerClientAsync()).PatchJsonAsync("/api/tenant", new { settings = new { ai } }, 200);

    protected Task<ResolvedChatModel> ResolveAsync(Guid tenantId, IServiceProvider? host = null) =>
        InTenantAsync(tenantId, (model, _) => Task.FromResult(model), host);

    /// <summary>Runs work in the tenant's scope with its resolved model, as the engine will for one message.</summary>
    protected Task<T> InTenantAsync<T>(Guid tenantId, Func<ResolvedChatModel, IServiceProvider, Task<T>> work, IServiceProvider? host = null)
    {
        var services = host ?? app.Services;
        return services.GetRequiredService<TenantScope>().RunAsync(tenantId, async scope =>
        {
            var model = await scope.GetRequiredService<ChatModels>().ResolveAsync(
                scope.GetRequiredService<AppDbContext>(), scope.GetRequiredService<TenantSecretStore>(), CancellationToken.None);
            return await work(model, scope);
        });
    }

    /// <summary>
    /// A tenant-scoped tool as agents will have them: it reads the scope's own database (here, the tenant's name), so
    /// a result can only be about the tenant whose message this is.
    /// </summary>
    protected static AIFunction OpeningHoursTool(IServiceProvider scope, List<string> queries) =>
        AIFunctionFactory.Create(
            async (string query) =>
            {
                queries.Add(query);
                var db = scope.GetRequiredService<AppDbContext>();
                var name = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Name).SingleAsync();
                return $"{name} abre de lunes a viernes de 9 a 18";
            },
            "search_knowledge",
            "Searches the business's knowledge base.");

    protected static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var result = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            result.Add(update);
        }
        return result;
    }
}
