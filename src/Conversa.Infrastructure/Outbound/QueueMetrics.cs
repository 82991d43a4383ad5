using System.Globalization;
using System.Text;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Infrastructure.Outbound;

/// <summary>The inbox's and the outbox's share of <c>/metrics</c>: queue depths (from the database, so every node reports the same) and this node's work.</summary>
public sealed class QueueMetrics(InboxStore inbox, InboxProcessor processor, OutboxClaims outbox, OutboxSender sender)
{
    public async Task WriteAsync(StringBuilder output, CancellationToken cancellationToken)
    {
        output.Append("# HELP conversa_inbox_items Inbox items waiting (pending) or given up (failed), all tenants.\n");
        output.Append("# TYPE conversa_inbox_items gauge\n");
        var inboxDepths = (await inbox.DepthsAsync(cancellationToken)).ToDictionary(d => d.Status, d => d.Count);
        foreach (var status in new[] { "pending", "failed" })
        {
            output.Append("conversa_inbox_items{status=\"").Append(status).Append("\"} ").Append(inboxDepths.GetValueOrDefault(status)).Append('\n');
        }
        output.Append("# HELP conversa_inbox_processed_total Inbox items this node processed.\n");
        output.Append("# TYPE conversa_inbox_processed_total counter\n");
        output.Append("conversa_inbox_processed_total ").Append(processor.DoneTotal).Append('\n');
        output.Append("# HELP conversa_inbox_failed_attempts_total Inbox attempts that failed on this node (retried with back-off, then failed).\n");
        output.Append("# TYPE conversa_inbox_failed_attempts_total counter\n");
        output.Append("conversa_inbox_failed_attempts_total ").Append(processor.FailedAttemptsTotal).Append('\n');

        output.Append("# HELP conversa_outbox_messages Outbox rows waiting (pending) or given up (failed) by channel, all tenants.\n");
        output.Append("# TYPE conversa_outbox_messages gauge\n");
        foreach (var depth in (await outbox.DepthsAsync(cancellationToken)).OrderBy(d => d.Channel, StringComparer.Ordinal).ThenBy(d => d.Status, StringComparer.Ordinal))
        {
            output.Append("conversa_outbox_messages{channel=\"").Append(Label(depth.Channel)).Append("\",status=\"").Append(depth.Status).Append("\"} ")
                .Append(depth.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        output.Append("# HELP conversa_outbox_sends_total Send attempts on this node by channel and outcome (sent, retry, failed).\n");
        output.Append("# TYPE conversa_outbox_sends_total counter\n");
        foreach (var ((channel, outcome), count) in sender.Sends.OrderBy(s => s.Key.Channel, StringComparer.Ordinal).ThenBy(s => s.Key.Outcome, StringComparer.Ordinal))
        {
            output.Append("conversa_outbox_sends_total{channel=\"").Append(Label(channel)).Append("\",outcome=\"").Append(outcome).Append("\"} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Label(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
