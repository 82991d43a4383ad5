namespace Conversa.Infrastructure.Engine;

/// <summary>The reply to "quiero hablar con una persona" (or a yes to the offer of one): hand off, and say so.</summary>
public static class HumanHandoff
{
    private static readonly Localized Text = new(
        "Claro, te comunico con una persona del equipo. Te responderán por aquí en cuanto puedan.",
        "Claro, vou te passar para uma pessoa da equipe. Vão te responder por aqui assim que puderem.",
        "Of course, I'm connecting you with someone from the team. They'll reply here as soon as they can.");

    public static AgentReply Reply(AgentTurn turn)
    {
        turn.Context.PendingDialog = null;
        turn.Context.Slots.Clear();
        return new AgentReply(turn.Say(Text)) { Agent = AgentNames.Human, Intent = Core.Language.Intents.Handoff, Handoff = true, HandoffReason = "requested" };
    }
}
