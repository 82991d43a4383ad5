using System.Collections.Concurrent;
using System.Text;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Messages answered on this node by tenant, channel and agent, and handoffs by tenant, for <c>/metrics</c>.
/// Bounded by what exists: tenants × channels × agents.
/// </summary>
public sealed class ChatMetrics
{
    private readonly ConcurrentDictionary<(string Tenant, string Channel, string Agent), long> _messages = new();
    private readonly ConcurrentDictionary<string, long> _handoffs = new(StringComparer.Ordinal);

    public void Record(string tenant, string channel, string agent, bool handoff)
    {
        _messages.AddOrUpdate((tenant, channel, agent), 1, (_, count) => count + 1);
        if (handoff)
        {
            _handoffs.AddOrUpdate(tenant, 1, (_, count) => count + 1);
        }
    }

    /// <summary>Prometheus text for both counters.</summary>
    public void Write(StringBuilder output)
    {
        output.Append("# HELP conversa_chat_messages_total Customer and staff messages the assistants answered on this node.\n");
        output.Append("# TYPE conversa_chat_messages_total counter\n");
        foreach (var ((tenant, channel, agent), count) in _messages.OrderBy(p => p.Key))
        {
            output.Append("conversa_chat_messages_total{tenant=\"").Append(tenant).Append("\",channel=\"").Append(channel)
                .Append("\",agent=\"").Append(agent).Append("\"} ").Append(count).Append('\n');
        }
        output.Append("# HELP conversa_chat_handoffs_total Conversations the assistants handed to a human on this node.\n");
        output.Append("# TYPE conversa_chat_handoffs_total counter\n");
        foreach (var (tenant, count) in _handoffs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.Append("conversa_chat_handoffs_total{tenant=\"").Append(tenant).Append("\"} ").Append(count).Append('\n');
        }
    }
}
