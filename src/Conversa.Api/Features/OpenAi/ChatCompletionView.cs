using System.Text.Json.Serialization;
using Conversa.Api.Features.Chat;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.OpenAi;

/// <summary>OpenAI's <c>chat.completion</c>, plus <c>conversa</c>: what the engine did (an extra member OpenAI clients ignore).</summary>
public sealed record ChatCompletionView(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    CompletionUsage Usage,
    ConversaTurnView Conversa)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string ObjectType => "chat.completion";
}

public sealed record ChatCompletionChoice(int Index, AssistantMessage Message, string FinishReason, object? Logprobs = null);

public sealed record AssistantMessage(string Role, string Content, object? Refusal = null);

/// <summary>
/// Token counts as OpenAI reports them, estimated (about four characters a token): the builtin engine reads no
/// tokens. The prompt is the message answered; earlier messages in the request are not read.
/// </summary>
public sealed record CompletionUsage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static CompletionUsage Estimate(string prompt, string completion)
    {
        var (input, output) = (Tokens(prompt), Tokens(completion));
        return new CompletionUsage(input, output, input + output);
    }

    private static int Tokens(string text) => (text.Length + 3) / 4;
}

/// <summary>Conversa's extras on a completion: the agent and intent, the conversation and contact, hand-off, sources.</summary>
public sealed record ConversaTurnView(
    string Agent,
    string? Intent,
    string Language,
    Guid ConversationId,
    Guid ContactId,
    bool Handoff,
    IReadOnlyList<ChatSourceView> Sources)
{
    public static ConversaTurnView From(ChatTurn turn, Guid contactId) => new(
        turn.Agent, turn.Intent, turn.Language, turn.ConversationId, contactId, turn.Handoff,
        turn.Sources.Select(s => new ChatSourceView(s.DocumentId, s.Title, s.HeadingPath)).ToList());
}

/// <summary>OpenAI's <c>chat.completion.chunk</c>; <c>usage</c> only on the last chunk when the client asked for it.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompletionUsage? Usage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConversaTurnView? Conversa = null)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string ObjectType => "chat.completion.chunk";
}

public sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason, object? Logprobs = null);

/// <summary>What a chunk adds: the role on the first, text on the next ones, nothing on the last.</summary>
public sealed record ChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
