namespace Conversa.Infrastructure.Models;

/// <summary>
/// One tool the model asked for during a turn: what it asked, what the tool returned, or the error it threw (the
/// model was told only that the tool failed). The engine checks these, e.g. that a booking really was created.
/// </summary>
public sealed record ToolInvocation(string CallId, string Name, IReadOnlyDictionary<string, object?> Arguments, object? Result, Exception? Error)
{
    public bool Failed => Error is not null;
}
