namespace Conversa.Infrastructure.Engine;

/// <summary>
/// An agent that has no answer (nothing in the catalog, nothing in the knowledge base) says so and offers a person
/// in the same reply, as a question it owns: it waits as the agent's pending dialog, so "sí" hands off and "no" is
/// acknowledged, while anything else is answered as a new message. The offer shares <see cref="NoMatchPolicy"/>'s
/// back-off: within an hour of the last offer the agent only mentions that a person is available, without asking.
/// </summary>
public static class PersonOffer
{
    /// <summary>The one way the assistants offer a person, here and in <see cref="NoMatchPolicy"/>.</summary>
    public static readonly Localized Question = new(
        "¿Quieres que te comunique con una persona del equipo?",
        "Quer que eu chame uma pessoa da equipe?",
        "Would you like me to connect you with someone from the team?");

    private static readonly Localized Mention = new(
        "Si prefieres hablar con una persona del equipo, dímelo.",
        "Se preferir falar com uma pessoa da equipe, é só me dizer.",
        "If you'd rather talk to someone from the team, just tell me.");

    private static readonly Localized Declined = new(
        "De acuerdo, sigo aquí para ayudarte. ¿Qué más necesitas?",
        "Tudo bem, continuo aqui para ajudar. Do que mais você precisa?",
        "All right, I'm still here to help. What else do you need?");

    /// <summary>The offer to append to a no-answer reply; asking it makes <paramref name="agent"/> wait for the answer.</summary>
    public static string Make(AgentTurn turn, string agent)
    {
        var context = turn.Context;
        var now = turn.Now.ToDateTimeUtc();
        if (context.LastHandoffOfferAt is { } offered && now - offered < NoMatchPolicy.OfferBackoff)
        {
            return turn.Say(Mention);
        }
        context.PendingDialog = agent;
        context.LastHandoffOfferAt = now;
        return turn.Say(Question);
    }

    /// <summary>
    /// The reply to <paramref name="agent"/>'s offer: a handoff for yes; for no, thanks or goodbye an acknowledgement;
    /// null (and the offer dropped) for anything else, which the agent answers as a new message.
    /// </summary>
    public static AgentReply? Answer(AgentTurn turn, string agent)
    {
        if (!turn.Continuation || turn.Context.PendingDialog != agent)
        {
            return null;
        }
        turn.Context.PendingDialog = null;
        return turn.Prediction.Intent switch
        {
            Core.Language.Intents.Yes => HumanHandoff.Reply(turn),
            Core.Language.Intents.No or Core.Language.Intents.Thanks or Core.Language.Intents.Goodbye =>
                new AgentReply(turn.Say(Declined)) { Intent = turn.Prediction.Intent },
            _ => null,
        };
    }
}
