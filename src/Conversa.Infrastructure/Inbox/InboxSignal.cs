using Conversa.Infrastructure.Background;

namespace Conversa.Infrastructure.Inbox;

/// <summary>Wakes this node's inbox worker when an item was accepted here, instead of waiting for the next poll.</summary>
public sealed class InboxSignal : WorkSignal;
