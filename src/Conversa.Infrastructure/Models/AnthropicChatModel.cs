using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Chat through the official Anthropic SDK's own <see cref="IChatClient"/> bridge (<c>AsIChatClient</c>, Messages
/// API: system prompt, tool_use/tool_result, streaming, usage), with the client options Conversa needs.
/// </summary>
public sealed class AnthropicChatModel : IChatModel
{
    private readonly IChatClient _client;

    public AnthropicChatModel(string model, string apiKey, Uri? endpoint, int maxRetries, TimeSpan timeout, int maxOutputTokens, HttpClient http)
    {
        _client = CreateClient(apiKey, endpoint, maxRetries, timeout, http).AsIChatClient(model, maxOutputTokens);
        Model = model;
    }

    public string Provider => "anthropic";

    public string Model { get; }

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _client.GetService(serviceType, serviceKey);

    /// <summary>
    /// Nothing to release: the instance is shared by every tenant with this configuration and runs on
    /// <see cref="ChatModels"/>' pooled HttpClient, which a caller disposing its client must not close.
    /// </summary>
    public void Dispose()
    {
    }

    private static AnthropicClient CreateClient(string apiKey, Uri? endpoint, int maxRetries, TimeSpan timeout, HttpClient http)
    {
        var options = new ClientOptions
        {
            ApiKey = apiKey,
            MaxRetries = Math.Max(0, maxRetries),
            Timeout = timeout,
            HttpClient = http,
        };
        if (endpoint is not null)
        {
            // The SDK appends /v1/messages itself; people paste base URLs both with and without the /v1.
            var baseUrl = endpoint.ToString().TrimEnd('/');
            options.BaseUrl = baseUrl.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? baseUrl[..^3] : baseUrl;
        }
        return new AnthropicClient(options);
    }
}
