namespace Conversa.Infrastructure.Engine;

/// <summary>Which agent answers a message, for which intent, and whether it continues that agent's pending dialog.</summary>
public sealed record RouteDecision(string Agent, string? Intent, bool Continuation = false);
