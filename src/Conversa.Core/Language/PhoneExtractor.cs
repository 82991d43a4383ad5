using System.Text;
using System.Text.RegularExpressions;
using Conversa.Core.Contacts;

namespace Conversa.Core.Language;

/// <summary>
/// Phone numbers in a message: 8 to 15 digits, with the spaces, dots, dashes and brackets people type, and an
/// optional leading <c>+</c> or <c>00</c> (normalised by <see cref="PhoneNumber"/>). Amounts written in groups of
/// three ("15.000.000") and ISO dates are not phones.
/// </summary>
public static partial class PhoneExtractor
{
    public static IReadOnlyList<PhoneMatch> Extract(string? text)
    {
        var phones = new List<PhoneMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return phones;
        }
        foreach (Match match in Candidate().Matches(text))
        {
            var raw = match.Value.TrimEnd(' ', '.', '-');
            var digits = new StringBuilder();
            foreach (var c in raw)
            {
                if (char.IsAsciiDigit(c))
                {
                    digits.Append(c);
                }
            }
            if (digits.Length is < 8 or > 15 || Amount().IsMatch(raw) || IsoDate().IsMatch(raw))
            {
                continue;
            }
            var international = raw.StartsWith('+') || raw.StartsWith("00", StringComparison.Ordinal)
                ? PhoneNumber.NormalizeOrNull(raw)
                : null;
            phones.Add(new PhoneMatch(raw, digits.ToString(), international, new TextSpan(match.Index, raw.Length)));
        }
        return phones;
    }

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-]{6,22}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
