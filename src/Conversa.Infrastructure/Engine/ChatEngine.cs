using System.Diagnostics;
using System.Text.Json.Nodes;
using Conversa.Core.Conversations;
using Conversa.Core.Language;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Answers one message in the scope's tenant, the same way for every channel: find or open the conversation,
/// store the message (a redelivery is answered once), stay silent if a human has the conversation, read language
/// and intent, let <see cref="ChatRouter"/> pick the agent, answer with a fixed reply when the month's messages are
/// used up (<see cref="MessageQuota"/>), apply the no-match policy, send the reply through the
/// conversation store (stored and handed to the outbox together), hand off and notify staff when the agent asks,
/// and remember the contact's context for the next message.
/// </summary>
public sealed class ChatEngine(
    AppDbContext db,
    ConversationStore store,
    TenantAssistants assistants,
    IEnumerable<IAgent> agentList,
    StaffNotifier staff,
    MessageQuota quota,
    ChatModels models,
    TenantSecretStore secrets,
    ModelReplies modelReplies,
    AiTokenNotice tokenNotice,
    ChatMetrics metrics,
    TimeProvider time,
    ILogger<ChatEngine> logger)
{
    private readonly Dictionary<string, IAgent> _agents = agentList.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Null when the conversation's contact (or user) is not this tenant's.</summary>
    public Task<ChatTurn?> HandleAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        db.OnOneConnectionAsync(() => AnswerTurnAsync(message, cancellationToken), cancellationToken);

    private async Task<ChatTurn?> AnswerTurnAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var assistant = await assistants.LoadAsync(db, cancellationToken);
        var profile = assistant.Profile;
        if (await store.OpenWithContextAsync(message.Key, message.ExternalMessageId, cancellationToken) is not (var opened, var context, var providerCopy))
        {
            return null;
        }
        var conversation = opened.Conversation;
        var language = LanguageDetector.Detect(message.Text, context.Language ?? profile.DefaultLanguage).Language;
        var incoming = NewMessage.FromUser(message.Text, message.ExternalMessageId, language, message.Metadata);
        if (providerCopy is { } copy)
        {
            return await RedeliveredAsync(copy, language, cancellationToken);
        }
        if (conversation.IsHandedOff)
        {
            var stored = await store.AppendAsync(conversation.Id, incoming, cancellationToken);
            return stored is null ? null
                : stored.Duplicate ? await RedeliveredAsync(stored.Message, language, cancellationToken)
                : Silent(conversation.Id, language);
        }

        var tokens = TextTokenizer.Tokenize(message.Text);
        var prediction = assistant.Classifier.Classify(message.Text, tokens);
        var decision = ChatRouter.Route(conversation.Assistant, prediction, tokens, context.PendingDialog, profile, _agents);
        if (message.Agent is { } named)
        {
            decision = ChatRouter.Force(decision, named, _agents);
        }
        var contact = message.Contact is { } known && known.Id == conversation.ContactId
            ? known
            : await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        var turn = new AgentTurn
        {
            Text = message.Text,
            Tokens = tokens,
            Language = language,
            Prediction = prediction,
            Intent = decision.Intent,
            Continuation = decision.Continuation,
            Context = context,
            Profile = profile,
            Conversation = conversation,
            Contact = contact,
            UserId = conversation.UserId,
            Now = Instant.FromDateTimeOffset(time.GetUtcNow()),
        };

        // An emergency is answered over quota too: its reply is fixed and costs no model.
        var refusal = decision.Agent == AgentNames.Emergency ? null : await quota.CountAsync(db, assistant, cancellationToken);
        var reply = refusal is not null
            ? QuotaReply.For(turn, refusal)
            : NoMatchPolicy.Apply(await AnswerAsync(decision, turn, profile, message.ReplyWriter, cancellationToken), turn);
        var agent = reply.Agent ?? decision.Agent;
        var intent = reply.Intent ?? decision.Intent;
        var actions = reply.Actions.ToList();
        if (reply.Notify is { } notice)
        {
            actions.Add(await staff.NotifyAsync(profile, conversation.Id, notice, cancellationToken));
        }
        if (reply.Handoff)
        {
            actions.Add(AgentAction.Of("handoff", ("reason", reply.HandoffReason ?? agent)));
        }

        var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        context.Language = language;
        context.LastIntent = intent ?? context.LastIntent;
        var recorded = await store.RecordTurnAsync(conversation.Id, contact.Phone, incoming, new NewMessage(
            MessageRole.Assistant, reply.Text, agent, intent, language, latency, Metadata: ReplyMetadata(reply, actions)), context, cancellationToken);
        if (recorded is null)
        {
            return null;
        }
        if (recorded.Duplicate)
        {
            // The same provider message was answered by another turn at this very moment: that answer stands.
            return await store.FindProviderCopyAsync(conversation.Channel, message.ExternalMessageId!, cancellationToken) is { } first
                ? await RedeliveredAsync(first, language, cancellationToken)
                : Silent(conversation.Id, language);
        }
        if (reply.Handoff)
        {
            await store.HandOffAsync(conversation.Id, reply.HandoffReason ?? agent, cancellationToken);
        }
        metrics.Record(profile.TenantSlug, ConversationNames.Name(conversation.Channel), agent, reply.Handoff);
        logger.LogDebug("Conversation {ConversationId}: {Agent}/{Intent} in {Language} after {LatencyMs} ms", conversation.Id, agent, intent, language, latency);
        return new ChatTurn(conversation.Id, recorded.Reply?.Id, reply.Text, agent, intent, language, reply.Sources, actions, reply.Handoff, OverQuota: refusal);
    }

    private async Task<AgentReply> AnswerAsync(
        RouteDecision decision, AgentTurn turn, AssistantProfile profile, IReplyWriter? replyWriter, CancellationToken cancellationToken)
    {
        if (decision.Agent == AgentNames.Human)
        {
            return HumanHandoff.Reply(turn);
        }
        var agent = _agents.GetValueOrDefault(decision.Agent) ?? _agents[AgentNames.Router];
        try
        {
            if (ModelReplies.Phrases(agent.Name))
            {
                // Resolving costs no query for a builtin tenant on a builtin platform: the settings are already loaded.
                var model = await models.ResolveAsync(db, secrets, profile.SettingsJson, cancellationToken);
                if (!model.IsBuiltin && await modelReplies.ReplyAsync(model, turn, agent.Name, replyWriter, cancellationToken) is { } phrased)
                {
                    return phrased;
                }
                if (model.OverQuota is { } spent)
                {
                    return await tokenNotice.AddAsync(await agent.ReplyAsync(turn, cancellationToken), turn, spent, cancellationToken);
                }
            }
            return await agent.ReplyAsync(turn, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A customer is never left unanswered because one agent broke: say so, offer a person, keep the error for us.
            logger.LogError(e, "Agent {Agent} failed on conversation {ConversationId}", agent.Name, turn.Conversation.Id);
            turn.Context.PendingDialog = null;
            return new AgentReply(turn.Say(new Localized(
                "Disculpa, tuve un problema para responder eso. ¿Quieres que te comunique con una persona del equipo?",
                "Desculpe, tive um problema para responder. Quer que eu chame uma pessoa da equipe?",
                "Sorry, I had trouble answering that. Would you like me to connect you with someone from the team?")))
            {
                Agent = AgentNames.Router,
                NoMatch = true,
            };
        }
    }

    /// <summary>A redelivered message: the answer its first copy got, or silence when it had none (a human had the conversation).</summary>
    private async Task<ChatTurn> RedeliveredAsync(ConversationMessage first, string language, CancellationToken cancellationToken) =>
        await EarlierReplyAsync(first, cancellationToken) ?? Silent(first.ConversationId, language) with { Duplicate = true };

    private static ChatTurn Silent(Guid conversationId, string language) =>
        new(conversationId, null, "", AgentNames.Human, null, language, [], [], Handoff: true, Silent: true);

    /// <summary>The answer stored after the first copy of a redelivered message, if it was answered.</summary>
    private async Task<ChatTurn?> EarlierReplyAsync(ConversationMessage first, CancellationToken cancellationToken)
    {
        var reply = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == first.ConversationId && m.Sequence > first.Sequence && m.Role == MessageRole.Assistant)
            .OrderBy(m => m.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        if (reply is null)
        {
            return null;
        }
        var sources = (reply.Metadata["sources"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => Guid.TryParse(s["document_id"]?.GetValue<string>(), out var id) ? new SourceRef(id, s["title"]?.GetValue<string>() ?? "") : null)
            .OfType<SourceRef>().ToList();
        var actions = (reply.Metadata["actions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => new AgentAction(a["type"]?.GetValue<string>() ?? "", (JsonObject)a.DeepClone())).ToList();
        foreach (var action in actions)
        {
            action.Data.Remove("type");
        }
        return new ChatTurn(first.ConversationId, reply.Id, reply.Content, reply.Agent ?? AgentNames.Router, reply.Intent,
            reply.Language ?? first.Language ?? SupportedLanguages.Spanish, sources, actions, actions.Any(a => a.Type == "handoff"), Duplicate: true);
    }

    private static JsonObject ReplyMetadata(AgentReply reply, List<AgentAction> actions)
    {
        var metadata = new JsonObject();
        if (reply.Sources.Count > 0)
        {
            metadata["sources"] = new JsonArray(reply.Sources.Select(s => (JsonNode)new JsonObject
            {
                ["document_id"] = s.DocumentId.ToString(),
                ["title"] = s.Title,
                ["heading_path"] = s.HeadingPath,
            }).ToArray());
        }
        if (actions.Count > 0)
        {
            metadata["actions"] = new JsonArray(actions.Select(a => (JsonNode)a.ToJson()).ToArray());
        }
        if (reply.QuickReplies.Count > 0)
        {
            metadata["quick_replies"] = new JsonArray(reply.QuickReplies.Select(q => (JsonNode)JsonValue.Create(q)).ToArray());
        }
        return metadata;
    }
}
