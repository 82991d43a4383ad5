namespace Conversa.Infrastructure.Engine;

/// <summary>
/// One assistant of the team. The engine routes each message to one agent (<see cref="ChatRouter"/>) and stores and
/// sends whatever it answers. An agent runs in the request's tenant scope: every service it uses sees that tenant
/// only. An agent that starts a dialog over several turns sets <c>turn.Context.PendingDialog</c> to its
/// <see cref="Name"/> (and its slots in <c>turn.Context.Slots</c>) and clears both when the dialog ends, so the next
/// message ("sí", "a las 3") comes back to it.
/// </summary>
public interface IAgent
{
    /// <summary>One of <see cref="AgentNames"/>.</summary>
    string Name { get; }

    /// <summary>The intents (<see cref="Core.Language.Intents"/>) this agent answers.</summary>
    IReadOnlyCollection<string> Intents { get; }

    Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken);
}
