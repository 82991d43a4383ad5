using Conversa.Infrastructure.Background;

namespace Conversa.Infrastructure.Outbound;

/// <summary>Wakes this node's sender worker when a row committed here, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : WorkSignal;
