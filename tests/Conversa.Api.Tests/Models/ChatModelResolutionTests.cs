using Conversa.Api.Tests.Support;
using Conversa.Api.Tests.Usage;
using Conversa.Infrastructure.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Models;

/// <summary>Which model a tenant's message goes to: its own settings, the platform's, or builtin; shared clients; usage.</summary>
public abstract class ChatModelResolutionTests(ConversaFactory app) : ChatModelTestBase(app)
{
    [Fact]
    public async Task A_tenant_on_openai_is_answered_by_its_own_model_with_its_own_key()
    {
        var tenant = await TenantAsync(OpenAiSettings(model: "gpt-tenant", key: "sk-tenant-a"));
        var model = await ResolveAsync(tenant.Id);
        model.Should().BeEquivalentTo(new { Provider = "openai", Model = "gpt-tenant", FallbackReason = (string?)null, IsBuiltin = false });

        var response = await model.Client!.GetResponseAsync([new ChatMessage(ChatRole.System, "Eres María"), new ChatMessage(ChatRole.User, "Hola")]);

        response.Text.Should().Be("Echo: Hola");
        response.FallbackReason().Should().BeNull();
        var request = OpenAi.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be("Bearer sk-tenant-a");
        request.Model.Should().Be("gpt-tenant");
        request.Body["messages"]![0]!["role"]!.GetValue<string>().Should().Be("system");
    }

    [Fact]
    public async Task A_tenant_on_anthropic_is_answered_by_its_own_model_with_its_own_key()
    {
        var tenant = await TenantAsync(AnthropicSettings(model: "claude-tenant", key: "sk-ant-a"));
        var model = await ResolveAsync(tenant.Id);
        model.Should().BeEquivalentTo(new { Provider = "anthropic", Model = "claude-tenant", FallbackReason = (string?)null });

        var response = await model.Client!.GetResponseAsync([new ChatMessage(ChatRole.System, "Eres María"), new ChatMessage(ChatRole.User, "Hola")]);

        response.Text.Should().Be("Echo: Hola");
        var request = Anthropic.Requests.Should().ContainSingle().Subject;
        request.Key.Should().Be("sk-ant-a");
        request.AnthropicVersion.Should().NotBeNullOrEmpty();
        request.Model.Should().Be("claude-tenant");
        // The system prompt travels in Anthropic's own field, not as a message.
        request.Body["system"]![0]!["text"]!.GetValue<string>().Should().Be("Eres María");
        request.Body["messages"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task An_anthropic_base_url_may_be_written_with_or_without_v1()
    {
        var tenant = await TenantAsync(new { provider = "anthropic", model = "claude-test", base_url = Anthropic.BaseUrl + "/v1/", api_key = "sk-ant-v1" });
        var model = await ResolveAsync(tenant.Id);
        (await model.Client!.GetResponseAsync("Hola")).Text.Should().Be("Echo: Hola");
        Anthropic.Requests.Should().ContainSingle().Which.Path.Should().Be("/v1/messages");
    }

    [Fact]
    public async Task Disposing_a_tenants_client_leaves_the_shared_one_working()
    {
        var first = await TenantAsync(AnthropicSettings(key: "sk-ant-dispose"));
        var second = await TenantAsync(AnthropicSettings(key: "sk-ant-dispose"));
        (await ResolveAsync(first.Id)).Client!.Dispose();

        (await (await ResolveAsync(second.Id)).Client!.GetResponseAsync("Hola")).Text.Should().Be("Echo: Hola");
    }

    [Fact]
    public async Task Without_any_model_configured_the_builtin_engine_answers()
    {
        var tenant = await TenantAsync();
        var model = await ResolveAsync(tenant.Id);
        model.Should().BeEquivalentTo(new { Client = (IChatClient?)null, Provider = "builtin", Model = (string?)null, FallbackReason = (string?)null, IsBuiltin = true });
        model.Description.Should().Be("builtin");
    }

    [Fact]
    public async Task An_incomplete_configuration_is_builtin_with_the_reason()
    {
        var noModel = await TenantAsync(new { provider = "openai", base_url = OpenAi.BaseUrl, api_key = "sk-x" });
        (await ResolveAsync(noModel.Id)).Should().BeEquivalentTo(new { IsBuiltin = true, FallbackReason = "openai is configured without a model" });

        var noKey = await TenantAsync(new { provider = "anthropic", model = "claude-test" });
        var resolved = await ResolveAsync(noKey.Id);
        resolved.FallbackReason.Should().Be("anthropic is configured without an api_key");
        resolved.Description.Should().Be("builtin (fallback: anthropic is configured without an api_key)");
    }

    [Fact]
    public async Task Builtin_tenants_use_the_platform_model_and_a_tenant_choosing_its_provider_without_a_key_borrows_the_platform_key()
    {
        await using var platform = App.WithWebHostBuilder(b => b
            .UseSetting("Conversa:Ai:Provider", "openai")
            .UseSetting("Conversa:Ai:Model", "platform-model")
            .UseSetting("Conversa:Ai:BaseUrl", OpenAi.BaseUrl)
            .UseSetting("Conversa:Ai:ApiKey", "sk-platform"));
        var plain = await TenantAsync();
        var choosy = await TenantAsync(new { provider = "openai", model = "tenant-model" });
        var own = await TenantAsync(AnthropicSettings(key: "sk-ant-own"));

        var plainModel = await ResolveAsync(plain.Id, platform.Services);
        plainModel.Should().BeEquivalentTo(new { Provider = "openai", Model = "platform-model" });
        (await plainModel.Client!.GetResponseAsync("Hola")).Text.Should().Be("Echo: Hola");
        OpenAi.Requests.Last().Should().BeEquivalentTo(new { Authorization = "Bearer sk-platform", Model = "platform-model" });

        var choosyModel = await ResolveAsync(choosy.Id, platform.Services);
        choosyModel.Should().BeEquivalentTo(new { Provider = "openai", Model = "tenant-model" });
        await choosyModel.Client!.GetResponseAsync("Hola");
        OpenAi.Requests.Last().Should().BeEquivalentTo(new { Authorization = "Bearer sk-platform", Model = "tenant-model" });

        // A tenant with its own provider and key never touches the platform's.
        var ownModel = await ResolveAsync(own.Id, platform.Services);
        ownModel.Provider.Should().Be("anthropic");
        await ownModel.Client!.GetResponseAsync("Hola");
        Anthropic.Requests.Last().Key.Should().Be("sk-ant-own");

        // The default host has no platform model: the same plain tenant is builtin there.
        (await ResolveAsync(plain.Id)).IsBuiltin.Should().BeTrue();
    }

    [Fact]
    public async Task Tenants_with_the_same_configuration_share_one_client_and_a_different_key_gets_another()
    {
        var first = await TenantAsync(OpenAiSettings(key: "sk-shared"));
        var second = await TenantAsync(OpenAiSettings(key: "sk-shared"));
        var other = await TenantAsync(OpenAiSettings(key: "sk-other"));

        var a = (await ResolveAsync(first.Id)).Client!.GetService<IChatModel>();
        var b = (await ResolveAsync(second.Id)).Client!.GetService<IChatModel>();
        var c = (await ResolveAsync(other.Id)).Client!.GetService<IChatModel>();
        var again = (await ResolveAsync(first.Id)).Client!.GetService<IChatModel>();

        a.Should().NotBeNull();
        b.Should().BeSameAs(a);
        again.Should().BeSameAs(a);
        c.Should().NotBeSameAs(a);
        c!.Model.Should().Be(a!.Model);
    }

    [Fact]
    public async Task A_settings_change_applies_on_the_next_resolve()
    {
        var tenant = await TenantAsync(OpenAiSettings(model: "gpt-one"));
        await (await ResolveAsync(tenant.Id)).Client!.GetResponseAsync("uno");
        OpenAi.Requests.Last().Model.Should().Be("gpt-one");

        await PatchAiAsync(tenant, new { model = "gpt-two" });
        var changed = await ResolveAsync(tenant.Id);
        changed.Model.Should().Be("gpt-two");
        await changed.Client!.GetResponseAsync("dos");
        OpenAi.Requests.Last().Should().BeEquivalentTo(new { Model = "gpt-two", Authorization = "Bearer sk-tenant-openai" });

        await PatchAiAsync(tenant, AnthropicSettings(model: "claude-three", key: "sk-ant-three"));
        var switched = await ResolveAsync(tenant.Id);
        switched.Provider.Should().Be("anthropic");
        await switched.Client!.GetResponseAsync("tres");
        Anthropic.Requests.Last().Should().BeEquivalentTo(new { Model = "claude-three", Key = "sk-ant-three" });

        await PatchAiAsync(tenant, new { provider = "builtin" });
        (await ResolveAsync(tenant.Id)).IsBuiltin.Should().BeTrue();
    }

    [Fact]
    public async Task Tokens_are_counted_per_tenant()
    {
        var first = await TenantAsync(OpenAiSettings());
        var second = await TenantAsync(AnthropicSettings());
        var idle = await TenantAsync(OpenAiSettings());

        var firstModel = await ResolveAsync(first.Id);
        await firstModel.Client!.GetResponseAsync("Hola");
        await CollectAsync(firstModel.Client!.GetStreamingResponseAsync("Hola otra vez"));
        var secondModel = await ResolveAsync(second.Id);
        await CollectAsync(secondModel.Client!.GetStreamingResponseAsync("Hola"));
        await secondModel.Client!.GetResponseAsync("Hola");

        (await App.Services.UsageAsync(first.Id)).Should().BeEquivalentTo(new { AiRequests = 2, AiInputTokens = 2 * OpenAi.InputTokens, AiOutputTokens = 2 * OpenAi.OutputTokens });
        (await App.Services.UsageAsync(second.Id)).Should().BeEquivalentTo(new { AiRequests = 2, AiInputTokens = 2 * Anthropic.InputTokens, AiOutputTokens = 2 * Anthropic.OutputTokens });
        (await App.Services.UsageAsync(idle.Id)).Should().BeEquivalentTo(new { AiRequests = 0, AiInputTokens = 0, AiOutputTokens = 0 });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatModelResolutionTestsOnSqlite(SqliteFactory app) : ChatModelResolutionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatModelResolutionTestsOnPostgres(PostgresFactory app) : ChatModelResolutionTests(app);
