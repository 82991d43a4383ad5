namespace Conversa.Infrastructure.Models;

/// <summary>Where the tokens each tenant's model calls used are recorded.</summary>
public interface IModelUsageSink
{
    void Record(Guid tenantId, string provider, string model, long inputTokens, long outputTokens);
}
