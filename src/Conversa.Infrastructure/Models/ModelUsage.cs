namespace Conversa.Infrastructure.Models;

/// <summary>A tenant's model use in one calendar month (UTC): calls that reported usage, and their tokens.</summary>
public sealed record ModelUsage(Guid TenantId, DateOnly Month, long Requests, long InputTokens, long OutputTokens)
{
    public long TotalTokens => InputTokens + OutputTokens;
}
