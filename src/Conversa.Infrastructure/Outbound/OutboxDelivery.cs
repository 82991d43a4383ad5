namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// One attempt at delivering an outbox row: the row's id, its tenant, the message, the attempt number (1 for the
/// first) and the DI scope of the row's tenant (<see cref="Services"/>) for the sender's channel config and secrets.
/// </summary>
public sealed record OutboxDelivery(Guid Id, Guid TenantId, string TenantSlug, OutboundMessage Message, int Attempt, IServiceProvider Services);
