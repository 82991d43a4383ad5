using System.Collections.Concurrent;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Api.Tests.Reminders;

/// <summary>The log channel, counting every message whose handover committed, so a double send would show.</summary>
public sealed class RecordingOutbox : IOutbox
{
    public ConcurrentDictionary<Guid, int> HandedOver { get; } = new();

    public Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(LogSender.Name);

    public void Committed(OutboundMessage message) => HandedOver.AddOrUpdate(message.ReferenceId, 1, (_, n) => n + 1);

    public int Count(IEnumerable<Guid> ids) => ids.Sum(id => HandedOver.GetValueOrDefault(id));
}
