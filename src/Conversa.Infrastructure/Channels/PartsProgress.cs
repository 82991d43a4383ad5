using System.Globalization;

namespace Conversa.Infrastructure.Channels;

/// <summary>How far a reply sent in parts got, as kept on its outbox row: <c>{parts accepted}:{first part's message id}</c>.</summary>
public static class PartsProgress
{
    public static string Format(int parts, string? firstId) => $"{parts.ToString(CultureInfo.InvariantCulture)}:{firstId}";

    /// <summary>Nothing sent yet for a missing or unreadable note: sending a part again beats losing one.</summary>
    public static (int Parts, string? FirstId) Parse(string? progress)
    {
        var colon = progress?.IndexOf(':') ?? -1;
        if (colon <= 0 || !int.TryParse(progress.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parts))
        {
            return (0, null);
        }
        var firstId = progress![(colon + 1)..];
        return (parts, firstId.Length == 0 ? null : firstId);
    }
}
