namespace Conversa.Infrastructure.Models;

/// <summary>The <c>Conversa:Models</c> configuration section: how chat models are called, whichever tenant uses them.</summary>
public sealed class ChatModelOptions
{
    public const string Section = "Conversa:Models";

    /// <summary>
    /// How long a model may take before the customer gets the built-in answer instead: the whole call, or for a
    /// stream the wait for each next piece.
    /// </summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Retries of a failed call inside the SDK (5xx, 429, network errors), all within <see cref="TimeoutSeconds"/>.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Anthropic requires a maximum answer length; OpenAI gets it only when the caller sets one.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Rounds of tool calls in one turn before the model must answer with what it has.</summary>
    public int MaxToolRounds { get; set; } = 5;

    /// <summary>Configurations (model, endpoint, key) whose clients are kept; beyond it the set starts again.</summary>
    public int MaxSharedClients { get; set; } = 1000;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds > 0 ? TimeoutSeconds : 20);
}
