using System.Runtime.CompilerServices;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// A claim query whose <c>@channels</c> becomes one parameter per channel: a node claims only the channels it can
/// handle, so one without (say) the WhatsApp sender never takes and fails WhatsApp rows during a rolling deploy. And
/// <c>@held</c>, one parameter per id this node is still working on: a row whose lease ran out while this node still
/// holds it (a slow send, a long queue behind one customer) is not claimed a second time by the same node.
/// </summary>
internal static class ChannelQuery
{
    public static FormattableString With(string sql, IReadOnlyCollection<string> channels, IReadOnlyCollection<Guid> held, params object?[] first)
    {
        var args = new List<object?>(first);
        sql = sql.Replace("@channels", Placeholders(args, channels), StringComparison.Ordinal);
        // NOT IN () is not SQL: an empty list stands as the empty Guid, which no row has.
        sql = sql.Replace("@held", Placeholders(args, held.Count == 0 ? [Guid.Empty] : held), StringComparison.Ordinal);
        return FormattableStringFactory.Create(sql, [.. args]);
    }

    private static string Placeholders<T>(List<object?> args, IReadOnlyCollection<T> values)
    {
        var placeholders = new List<string>(values.Count);
        foreach (var value in values)
        {
            placeholders.Add("{" + args.Count + "}");
            args.Add(value);
        }
        return string.Join(", ", placeholders);
    }
}
