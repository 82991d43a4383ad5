using System.Text.Json.Nodes;
using Conversa.Core.Contacts;
using Conversa.Infrastructure.Conversations;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// A message for the assistant: which conversation (<see cref="Key"/>), what it says, the provider's id for it
/// (a redelivered message with the same id is answered once) and anything the channel wants kept with it.
/// </summary>
public sealed record IncomingMessage(ConversationKey Key, string Text, string? ExternalMessageId = null, JsonObject? Metadata = null)
{
    /// <summary>The contact's row when the caller has just read it in this scope (the engine then does not read it again).</summary>
    public Contact? Contact { get; init; }

    /// <summary>The agent the caller asked for (a <c>/v1</c> model name), which answers instead of the routed one (<see cref="ChatRouter.Force"/>).</summary>
    public string? Agent { get; init; }

    /// <summary>Where a model's text goes as it is written, when the caller streams the reply; null: the reply comes whole.</summary>
    public IReplyWriter? ReplyWriter { get; init; }
}
