using System.Runtime.CompilerServices;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// A claim query whose <c>@channels</c> becomes one parameter per channel: a node claims only the channels it can
/// handle, so one without (say) the WhatsApp sender never takes and fails WhatsApp rows during a rolling deploy.
/// </summary>
internal static class ChannelQuery
{
    public static FormattableString With(string sql, IReadOnlyCollection<string> channels, params object?[] first)
    {
        var args = new List<object?>(first);
        var placeholders = new List<string>(channels.Count);
        foreach (var channel in channels)
        {
            placeholders.Add("{" + args.Count + "}");
            args.Add(channel);
        }
        return FormattableStringFactory.Create(sql.Replace("@channels", string.Join(", ", placeholders), StringComparison.Ordinal), [.. args]);
    }
}
