using Conversa.Core.Channels;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// A scope that sends its own replies: an inbox item's reply goes out from the task that stored it, on the same
/// connection, instead of waking the sender worker to claim and load it — two thread hand-offs and a handful of
/// round trips less between a customer's message and the answer. Whoever starts such a scope calls <see cref="Begin"/>;
/// replies staged then are stored already claimed under <see cref="Claim"/> (with the outbox's lease, so a node that
/// dies before sending leaves them to the worker of any node), and after their commit they wait here until the scope's
/// owner hands them to <see cref="OutboxSender.SendCommittedAsync"/>.
/// </summary>
public sealed class DirectSends
{
    private readonly List<OutboxEntry> _committed = [];

    /// <summary>The claim token replies are stored under, or null when this scope leaves them to the worker.</summary>
    public Guid? Claim { get; private set; }

    public void Begin() => Claim = Guid.NewGuid();

    /// <summary>A row staged under <see cref="Claim"/> whose transaction committed.</summary>
    public void Committed(OutboxEntry row) => _committed.Add(row);

    /// <summary>The committed rows not sent yet, in commit order; taking them empties the list.</summary>
    public IReadOnlyList<OutboxEntry> Take()
    {
        var rows = _committed.ToList();
        _committed.Clear();
        return rows;
    }
}
