using System.Text.Json.Nodes;

namespace Conversa.Api.Tests.Models;

/// <summary>A request a fake model server received: the credential headers, the model and the whole body.</summary>
public sealed record FakeModelRequest(string Path, string? Authorization, string? ApiKey, string? AnthropicVersion, string Model, bool Stream, JsonNode Body)
{
    /// <summary>
    /// The key, from <c>x-api-key</c> or <c>Authorization: Bearer</c>: the Anthropic SDK 13.12.0 sends a configured
    /// <c>ApiKey</c> as a bearer token.
    /// </summary>
    public string? Key => !string.IsNullOrEmpty(ApiKey) ? ApiKey
        : Authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
}
