using System.ComponentModel;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Engine.Sales;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
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
public sealed class ModelReplies(
    IEnumerable<IAgentTools> toolSets, ConversationStore store, AppDbContext db, TenantReadCache cache, ILogger<ModelReplies> logger)
{
    public const int HistoryMessages = 12;

    /// <summary>Agents whose turns a model may phrase. An emergency's message is fixed; a handoff needs no words.</summary>
    public static bool Phrases(string agent) => agent is not (AgentNames.Emergency or AgentNames.Human);

    /// <summary>
    /// With a <paramref name="writer"/>, the text goes out as the model writes it (tool rounds first, through
    /// <see cref="ToolLoop.StreamAsync"/>); without, the turn runs whole (<see cref="ToolLoop.RunAsync"/>). A model
    /// failing after some text went out is answered as before (builtin, or what a tool did) when the client can
    /// replace the text; otherwise the text it got is kept and closed with a sentence saying it was cut off.
    /// </summary>
    public async Task<AgentReply?> ReplyAsync(
        ResolvedChatModel model, AgentTurn turn, string agent, IReplyWriter? writer, CancellationToken cancellationToken)
    {
        var tools = toolSets.Where(t => t.Agents.Contains(agent)).SelectMany(t => t.Create(turn)).ToList();
        tools.Add(HandoffTool(turn));
        var history = await store.RecentMessagesAsync(turn.Conversation.Id, HistoryMessages, cancellationToken);
        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt(turn, agent))];
        messages.AddRange(history.Where(m => m.Content.Length > 0).Select(m => new ChatMessage(
            m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content)));
        // The turn's own message is stored with its reply, after this.
        messages.Add(new ChatMessage(ChatRole.User, turn.Text));
        string? text, fallbackReason;
        IReadOnlyList<string> toolOutputs;
        var sent = "";
        if (writer is null)
        {
            var reply = await ToolLoop.RunAsync(model.Client!, messages, tools, cancellationToken: cancellationToken);
            (text, fallbackReason, toolOutputs) = (reply.Text, reply.FallbackReason, [.. reply.Tools.Select(t => ToolLoop.ResultText(t.Result))]);
        }
        else
        {
            var streamed = await StreamedReply.SendAsync(
                ToolLoop.StreamAsync(model.Client!, messages, tools, cancellationToken: cancellationToken), writer, cancellationToken);
            (text, sent, fallbackReason, toolOutputs) = (streamed.Text, streamed.Text, streamed.FallbackReason, streamed.ToolOutputs);
        }
        var unknownPrice = fallbackReason is null ? await UnknownPriceAsync(text!, toolOutputs, cancellationToken) : null;
        if (unknownPrice is not null)
        {
            fallbackReason = $"the reply named a price that is neither in the catalog nor in the tools' results ({unknownPrice})";
        }
        var effects = turn.Effects;
        AgentReply Reply(string text, string? intent) => new(text)
        {
            Agent = agent,
            Intent = intent,
            Sources = effects.Sources,
            Actions = effects.Actions,
            Handoff = effects.Handoff,
            HandoffReason = effects.HandoffReason,
        };
        if (fallbackReason is null)
        {
            return Reply(text!, turn.Intent);
        }
        logger.LogWarning("Model {Model} fell back to builtin for conversation {ConversationId} ({Streamed} characters already streamed): {Reason}",
            model.Description, turn.Conversation.Id, sent.Length, fallbackReason);
        var acted = effects.Actions.Count > 0 || effects.Handoff;
        if (sent.Length > 0 && !writer!.CanReplace)
        {
            var closing = (sent[^1] is '.' or '!' or '?' or '…' ? "\n\n" : "…\n\n") + turn.Say(unknownPrice is not null ? PriceUnconfirmed : acted ? Done : CutOff);
            await writer.WriteAsync(closing, cancellationToken);
            return Reply(sent + closing, null);
        }
        return acted ? Reply(turn.Say(Done), null) : null;
    }

    /// <summary>Every price in a reply must match the catalog (<see cref="PriceGuard"/>).</summary>
    private async Task<string?> UnknownPriceAsync(string text, IReadOnlyList<string> toolOutputs, CancellationToken cancellationToken)
    {
        var items = await new CatalogSearch(db, cache).LoadAsync(cancellationToken);
        return PriceGuard.FirstUnknown(text, items.Where(i => i.Price is not null).Select(i => i.Price!.Value), toolOutputs);
    }

    private static readonly Localized PriceUnconfirmed = new(
        "Ojo: no pude confirmar ese precio en nuestro catálogo. Pregúntame de nuevo por el producto, o te comunico con una persona del equipo.",
        "Atenção: não consegui confirmar esse preço no nosso catálogo. Pergunte de novo pelo produto, ou eu chamo uma pessoa da equipe.",
        "Note: I couldn't confirm that price in our catalog. Ask me about the product again, or I can connect you with someone from the team.");

    private static readonly Localized CutOff = new(
        "Disculpa, mi respuesta se cortó. ¿Me lo preguntas de nuevo, o prefieres que te comunique con una persona del equipo?",
        "Desculpe, minha resposta foi cortada. Pode perguntar de novo, ou prefere que eu chame uma pessoa da equipe?",
        "Sorry, my answer was cut off. Could you ask again, or would you like me to connect you with someone from the team?");

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
