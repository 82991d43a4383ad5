using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// What happens when the assistant keeps not understanding. The second no-match in a row offers a person
/// ("¿Quieres que te comunique con una persona?"); a no-match while that offer is unanswered hands the conversation
/// off. A declined offer is not repeated for <see cref="OfferBackoff"/>, so the bot does not nag: meanwhile it
/// just asks again. Anything understood starts the count over. A staff user's personal assistant never offers anyone.
/// </summary>
public static class NoMatchPolicy
{
    public const int OfferAfter = 2;
    public static readonly TimeSpan OfferBackoff = TimeSpan.FromHours(1);

    private static readonly Localized HandingOff = new(
        "Te comunico con una persona del equipo; te responderán por aquí en cuanto puedan.",
        "Vou te passar para uma pessoa da equipe; vão te responder por aqui assim que puderem.",
        "I'm passing you to someone from the team; they'll reply here as soon as they can.");

    public static AgentReply Apply(AgentReply reply, AgentTurn turn)
    {
        var context = turn.Context;
        if (turn.Conversation.Assistant == ConversationAssistant.Personal)
        {
            // A staff member talking to their own assistant has nobody to be handed to.
            return reply;
        }
        if (!reply.NoMatch)
        {
            context.NoMatchCount = 0;
            if (context.PendingDialog == ChatRouter.HandoffOffer)
            {
                context.PendingDialog = null;
            }
            return reply;
        }
        context.NoMatchCount++;
        var now = turn.Now.ToDateTimeUtc();
        if (context.PendingDialog == ChatRouter.HandoffOffer)
        {
            context.PendingDialog = null;
            context.NoMatchCount = 0;
            return reply with
            {
                Text = turn.Say(HandingOff),
                Agent = AgentNames.Human,
                Handoff = true,
                HandoffReason = "no_match",
            };
        }
        var offeredRecently = context.LastHandoffOfferAt is { } offered && now - offered < OfferBackoff;
        if (context.NoMatchCount >= OfferAfter && !offeredRecently && context.PendingDialog is null)
        {
            context.PendingDialog = ChatRouter.HandoffOffer;
            context.LastHandoffOfferAt = now;
            return reply with { Text = reply.Text.TrimEnd() + " " + turn.Say(PersonOffer.Question) };
        }
        return reply;
    }
}
