using System.ComponentModel;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NodaTime.Text;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// A turn answered by the tenant's chat model (when one is configured): the routed agent's tools
/// (<see cref="IAgentTools"/>) plus <c>handoff</c>, the recent conversation, and a system prompt with the persona and
/// the one rule that matters — facts come only from tools. Null means "answer with the builtin agent": the model
/// failed, timed out or said nothing, and the customer still gets an answer. If a tool already acted (a booking was
/// made) before the model failed, the reply reports that instead of starting over.
/// </summary>
public sealed class ModelReplies(IEnumerable<IAgentTools> toolSets, ConversationStore store, ILogger<ModelReplies> logger)
{
    public const int HistoryMessages = 12;

    /// <summary>Agents whose turns a model may phrase. An emergency's message is fixed; a handoff needs no words.</summary>
    public static bool Phrases(string agent) => agent is not (AgentNames.Emergency or AgentNames.Human);

    public async Task<AgentReply?> ReplyAsync(ResolvedChatModel model, AgentTurn turn, string agent, CancellationToken cancellationToken)
    {
        var tools = toolSets.Where(t => t.Agents.Contains(agent)).SelectMany(t => t.Create(turn)).ToList();
        tools.Add(HandoffTool(turn));
        var history = await store.RecentMessagesAsync(turn.Conversation.Id, HistoryMessages, cancellationToken);
        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt(turn, agent))];
        messages.AddRange(history.Where(m => m.Content.Length > 0).Select(m => new ChatMessage(
            m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content)));
        // The turn's own message is stored with its reply, after this.
        messages.Add(new ChatMessage(ChatRole.User, turn.Text));
        var reply = await ToolLoop.RunAsync(model.Client!, messages, tools, cancellationToken: cancellationToken);
        var effects = turn.Effects;
        if (reply.IsFallback)
        {
            logger.LogWarning("Model {Model} fell back to builtin for conversation {ConversationId}: {Reason}",
                model.Description, turn.Conversation.Id, reply.FallbackReason);
            return effects.Actions.Count == 0 && !effects.Handoff ? null : new AgentReply(turn.Say(Done))
            {
                Agent = agent,
                Actions = effects.Actions,
                Sources = effects.Sources,
                Handoff = effects.Handoff,
                HandoffReason = effects.HandoffReason,
            };
        }
        return new AgentReply(reply.Text!)
        {
            Agent = agent,
            Intent = turn.Intent,
            Sources = effects.Sources,
            Actions = effects.Actions,
            Handoff = effects.Handoff,
            HandoffReason = effects.HandoffReason,
        };
    }

    private static readonly Localized Done = new(
        "Listo, quedó registrado. ¿Te ayudo con algo más?",
        "Pronto, ficou registrado. Posso ajudar em mais alguma coisa?",
        "Done, it's recorded. Can I help with anything else?");

    private static AIFunction HandoffTool(AgentTurn turn) => AIFunctionFactory.Create(
        ([Description("Why a person should take over, in a few words.")] string reason) =>
        {
            turn.Effects.Handoff = true;
            turn.Effects.HandoffReason = string.IsNullOrWhiteSpace(reason) ? "requested" : reason.Trim();
            return "A person from the team will take over this conversation after your reply.";
        },
        "handoff",
        "Hand the conversation to a person of the team: when the customer asks for one, or you cannot help with the tools you have.");

    private static string SystemPrompt(AgentTurn turn, string agent)
    {
        var profile = turn.Profile;
        var now = ZonedDateTimePattern.GeneralFormatOnlyIso.Format(turn.Now.InZone(profile.Zone));
        var language = turn.Language switch { "pt" => "Portuguese", "en" => "English", _ => "Spanish" };
        // The persona and prompt the tenant wrote are for its customers; a staff member's own assistant has neither.
        var role = turn.Conversation.Assistant == ConversationAssistant.Personal
            ? $"You are the personal assistant of {turn.Contact.Name}, a member of the staff of {profile.TenantName}: you keep their agenda and tasks."
            : $"You are {profile.AssistantName}, the assistant of {profile.TenantName} ({profile.Sector}) for its customers, acting as its {agent} agent.\n" +
              $"{profile.Persona}\n{profile.SystemPrompt}";
        return $"""
            {role}
            Always answer in {language}, briefly, as in a chat.
            Use only facts returned by your tools: never invent prices, stock, products, times, availability or policies.
            If the tools return nothing useful, say so honestly (to a customer, offer to connect them with a person).
            Do not claim a booking, cancellation or task exists unless a tool confirmed it.
            The current local time is {now}; prices are in {profile.Currency} unless a tool says otherwise.
            """;
    }
}
