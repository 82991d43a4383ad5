namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// A message the platform sends on its own (a reminder, a staff notification): to whom, what, and why.
/// <see cref="Recipient"/> is a phone in E.164 when one is known.
/// </summary>
public sealed record OutboundMessage(Guid TenantId, string TenantSlug, string? Recipient, string Text, string Purpose, Guid ReferenceId);
