using System.Globalization;
using System.Text.RegularExpressions;

namespace Conversa.Core.Language;

/// <summary>E-mail addresses in a message ("escríbeme a Ana.Perez@Gmail.com." → "Ana.Perez@gmail.com").</summary>
public static partial class EmailExtractor
{
    public static IReadOnlyList<EmailMatch> Extract(string? text)
    {
        var emails = new List<EmailMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return emails;
        }
        foreach (Match match in Address().Matches(text))
        {
            var at = match.Value.IndexOf('@', StringComparison.Ordinal);
            var address = match.Value[..(at + 1)] + match.Value[(at + 1)..].ToLower(CultureInfo.InvariantCulture);
            emails.Add(new EmailMatch(address, new TextSpan(match.Index, match.Length)));
        }
        return emails;
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
