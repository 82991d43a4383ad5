using Conversa.Core.Conversations;
using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Chooses the agent for a message. In order: a staff user's personal assistant always answers its user; an
/// emergency goes to <c>emergency</c>; an answer to a pending dialog ("sí", "a las 3", "el viernes") goes back to the
/// agent that asked, unless the message clearly asks something else (which is answered while the dialog waits);
/// a request for a person goes to <c>human</c>; otherwise the intent picks the enabled agent that answers it, with
/// fallbacks when that agent is disabled, and an unclassified message goes to <c>support</c> (the knowledge base may
/// know) or to the router's "I did not understand".
/// </summary>
public static class ChatRouter
{
    /// <summary>The pending dialog of the engine's own "shall I call a person?" question.</summary>
    public const string HandoffOffer = "handoff_offer";

    /// <summary>How sure the classifier must be of another content intent to interrupt a pending dialog.</summary>
    public const double InterruptScore = 0.7;

    /// <summary>How sure the classifier must be to interrupt a dialog with a one- or two-word message (a keyword that settles an intent).</summary>
    public const double SettledScore = 0.9;

    private static readonly Dictionary<string, string[]> Fallbacks = new(StringComparer.Ordinal)
    {
        [AgentNames.Sales] = [AgentNames.Support],
        [AgentNames.Availability] = [AgentNames.Schedule],
        [AgentNames.Schedule] = [AgentNames.Availability],
    };

    public static RouteDecision Route(
        ConversationAssistant assistant, IntentPrediction prediction, IReadOnlyList<TextToken> tokens, string? pendingDialog,
        AssistantProfile profile, IReadOnlyDictionary<string, IAgent> agents)
    {
        if (assistant == ConversationAssistant.Personal)
        {
            return new RouteDecision(AgentNames.Personal, prediction.Intent, pendingDialog == AgentNames.Personal);
        }
        if (prediction.IsEmergency && profile.Enabled(AgentNames.Emergency) && agents.ContainsKey(AgentNames.Emergency))
        {
            return new RouteDecision(AgentNames.Emergency, Intents.Emergency);
        }
        var intent = prediction.Intent;
        if (pendingDialog == HandoffOffer)
        {
            if (intent is Intents.Yes or Intents.Handoff)
            {
                return new RouteDecision(AgentNames.Human, Intents.Handoff, Continuation: true);
            }
            if (intent == Intents.No)
            {
                return new RouteDecision(AgentNames.Router, Intents.No, Continuation: true);
            }
        }
        else if (pendingDialog is not null && agents.TryGetValue(pendingDialog, out var owner) && profile.Enabled(pendingDialog) &&
            ContinuesDialog(owner, prediction, tokens))
        {
            return new RouteDecision(owner.Name, intent is null || Intents.IsSocial(intent) ? owner.Intents.FirstOrDefault() : intent, Continuation: true);
        }
        if (intent == Intents.Handoff)
        {
            return new RouteDecision(AgentNames.Human, intent);
        }
        if (intent is null)
        {
            return new RouteDecision(Available(AgentNames.Support, profile, agents) ?? AgentNames.Router, null);
        }
        if (Intents.IsSocial(intent))
        {
            return new RouteDecision(AgentNames.Router, intent);
        }
        var handler = agents.Values.FirstOrDefault(a => a.Name != AgentNames.Router && a.Intents.Contains(intent))?.Name;
        var chosen = handler is null ? null : Available(handler, profile, agents)
            ?? Fallbacks.GetValueOrDefault(handler, []).Select(f => Available(f, profile, agents)).FirstOrDefault(f => f is not null);
        return new RouteDecision(chosen ?? Available(AgentNames.Support, profile, agents) ?? AgentNames.Router, intent);
    }

    /// <summary>
    /// The decision when the caller named the agent (a <c>/v1</c> model name): that agent answers, for the intent read
    /// when it handles it, else for its own first intent. An emergency and an explicit request for a person keep their
    /// route: a named agent never trades the safety message or a hand-off for its own answer.
    /// </summary>
    public static RouteDecision Force(RouteDecision routed, string agent, IReadOnlyDictionary<string, IAgent> agents)
    {
        if (routed.Agent == agent || routed.Agent is AgentNames.Emergency or AgentNames.Human || !agents.TryGetValue(agent, out var named))
        {
            return routed;
        }
        var intent = routed.Intent is { } read && (named.Intents.Contains(read) || Intents.IsSocial(read)) ? read : named.Intents.FirstOrDefault();
        return new RouteDecision(agent, intent);
    }

    /// <summary>
    /// Whether a message answers the dialog the agent is waiting on: anything but another confident content intent
    /// the agent does not handle. "¿Y cuánto cuesta?" in the middle of a booking is answered by sales; "a las 3",
    /// "con la doctora", "sí" or "mejor el viernes" go back to the booking.
    /// </summary>
    private static bool ContinuesDialog(IAgent owner, IntentPrediction prediction, IReadOnlyList<TextToken> tokens)
    {
        var intent = prediction.Intent;
        if (intent is null || Intents.IsSocial(intent) || owner.Intents.Contains(intent) || prediction.Score < InterruptScore)
        {
            return true;
        }
        // A one- or two-word answer ("botox" to "¿para qué servicio?") answers the question unless a keyword settles
        // another intent: "botox" alone resembles "¿cuánto cuesta el botox?", "precio" is a price question.
        if (tokens.Count <= 2 && prediction.Score < SettledScore)
        {
            return true;
        }
        // A short answer that is mostly a date or a time ("mejor el viernes a las 3") continues whatever it resembles.
        return tokens.Count <= 5 && TemporalResolver.TemporalTokens(tokens).Any(t => t);
    }

    private static string? Available(string agent, AssistantProfile profile, IReadOnlyDictionary<string, IAgent> agents) =>
        profile.Enabled(agent) && agents.ContainsKey(agent) ? agent : null;
}
