using System.Text;

namespace Conversa.Core.Contacts;

/// <summary>
/// Phone numbers as WhatsApp names them: international digits with a leading <c>+</c> (E.164, 8 to 15
/// digits). Spaces, dashes, dots and brackets people type are dropped; a leading <c>00</c> becomes <c>+</c>.
/// </summary>
public static class PhoneNumber
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }
        var text = input.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }
        var digits = new StringBuilder(16);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+') || (c == '+' && digits.Length > 0))
            {
                return false;
            }
        }
        if (digits.Length is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }
        normalized = "+" + digits;
        return true;
    }

    public static string? NormalizeOrNull(string? input) => TryNormalize(input, out var normalized) ? normalized : null;
}
