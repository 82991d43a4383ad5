using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>A conversation right after its message counter moved: what the counted messages are stored with.</summary>
internal sealed record CountedConversation(ConversationChannel Channel, int MessageCount, string? ExternalId)
{
    /// <summary>The row <c>UPDATE … RETURNING</c> reads back (columns aliased to these names; the channel as stored).</summary>
    internal sealed class Row
    {
        public string Channel { get; init; } = "";
        public int MessageCount { get; init; }
        public string? ExternalId { get; init; }

        public CountedConversation ToCounted() => new(Enum.Parse<ConversationChannel>(Channel, ignoreCase: true), MessageCount, ExternalId);
    }
}
