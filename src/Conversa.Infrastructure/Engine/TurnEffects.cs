namespace Conversa.Infrastructure.Engine;

/// <summary>What tools did during a model-phrased turn: the sources they read, the actions they took, a handoff they asked for.</summary>
public sealed class TurnEffects
{
    public List<SourceRef> Sources { get; } = [];
    public List<AgentAction> Actions { get; } = [];
    public bool Handoff { get; set; }
    public string? HandoffReason { get; set; }
}
