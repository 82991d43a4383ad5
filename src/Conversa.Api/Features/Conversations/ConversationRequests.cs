namespace Conversa.Api.Features.Conversations;

// The request bodies as OpenAPI shows them. Handlers read the JSON themselves (see BodyFields), so a wrong JSON
// type is a field error like any other.

/// <summary><c>POST /api/conversations/{id}/handoff</c>; the body is optional.</summary>
public sealed record HandoffRequest(string? Reason);

/// <summary><c>POST /api/conversations/{id}/bot</c>: <c>true</c> hands the conversation back to the bot, <c>false</c> takes it over.</summary>
public sealed record BotRequest(bool Enabled);

/// <summary><c>POST /api/conversations/{id}/messages</c>: a human agent's reply.</summary>
public sealed record AgentReplyRequest(string Content);
