using Conversa.Core.Tenancy;

namespace Conversa.Core.Billing;

/// <summary>
/// A tenant's use in one UTC month (<see cref="Period"/>: the month's first day), summed over every node: customer
/// messages counted against the plan, model calls and their tokens. Nodes add their deltas with an atomic upsert; the
/// <c>*NotifiedAt</c> stamps are set once, by the first node to tell the staff that a limit was reached that month.
/// </summary>
public sealed class UsageCounter : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Period { get; set; }
    public long Messages { get; set; }
    public long AiRequests { get; set; }
    public long AiInputTokens { get; set; }
    public long AiOutputTokens { get; set; }
    public DateTime? MessagesNotifiedAt { get; set; }
    public DateTime? AiTokensNotifiedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
