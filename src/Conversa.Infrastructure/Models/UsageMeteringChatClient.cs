using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Records the input and output tokens the provider reports for each call against the tenant: from the response's
/// usage, or for a stream from its usage updates (also when the stream is cut short).
/// </summary>
public sealed class UsageMeteringChatClient(IChatClient inner, Guid tenantId, string provider, string model, IModelUsageSink sink)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (response.Usage is { } usage)
        {
            sink.Record(tenantId, provider, model, usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        }
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        UsageDetails? usage = null;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        usage ??= new UsageDetails();
                        usage.Add(details);
                    }
                }
                yield return update;
            }
        }
        finally
        {
            if (usage is not null)
            {
                sink.Record(tenantId, provider, model, usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
            }
        }
    }
}
