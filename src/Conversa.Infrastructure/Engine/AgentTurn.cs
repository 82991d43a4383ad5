using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Core.Language;
using NodaTime;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Everything an agent needs to answer one message: the text and its tokens, the language it is written in (the
/// reply's language), the router's reading, the contact and their context (which the agent may change: the engine
/// stores it after the reply), the tenant's assistant profile and the time. <see cref="Continuation"/> is true when
/// the message was routed to the agent because its dialog was waiting for an answer.
/// </summary>
public sealed class AgentTurn
{
    public required string Text { get; init; }
    public required IReadOnlyList<TextToken> Tokens { get; init; }
    public required string Language { get; init; }
    public required IntentPrediction Prediction { get; init; }
    /// <summary>The intent the router settled on (the prediction's, or the pending dialog's for a continuation).</summary>
    public string? Intent { get; init; }
    public bool Continuation { get; init; }
    public required ContactContext Context { get; init; }
    public required AssistantProfile Profile { get; init; }
    public required Conversation Conversation { get; init; }
    public required Contact Contact { get; init; }
    /// <summary>The staff user of a personal-assistant conversation; null for customers.</summary>
    public Guid? UserId { get; init; }
    public required Instant Now { get; init; }
    /// <summary>Filled by <see cref="IAgentTools"/> when a chat model answers the turn.</summary>
    public TurnEffects Effects { get; } = new();

    public DateTimeZone Zone => Profile.Zone;

    /// <summary>For <see cref="TemporalResolver"/>: "mañana a las 3" read in the tenant's zone, now.</summary>
    public TemporalContext Temporal => new(Now, Profile.Zone, Language);

    public string Say(Localized text) => text.In(Language);
}
