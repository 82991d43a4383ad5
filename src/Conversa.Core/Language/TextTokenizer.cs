using System.Globalization;
using System.Text;
using Conversa.Core.Knowledge;

namespace Conversa.Core.Language;

/// <summary>
/// Splits a chat message into folded tokens that remember where they stand in the original text, which
/// <see cref="TextFolding.Words"/> cannot (it folds the whole string first). Letters and digits become separate
/// tokens ("3pm" → "3", "pm"; "15h30" → "15", "h", "30"), an apostrophe inside a word joins it ("don't" → "dont"),
/// and <c>: / . - ,</c> between two digits are kept as separator tokens so "15:30", "5/12" and "1,5" stay readable.
/// Other punctuation is remembered on the next token (<see cref="TextToken.PunctuationBefore"/>).
/// </summary>
public static class TextTokenizer
{
    public static IReadOnlyList<TextToken> Tokenize(string? text)
    {
        var tokens = new List<TextToken>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }
        var reader = new Reader(text, tokens);
        for (var i = 0; i < text.Length; i++)
        {
            reader.Read(i);
        }
        reader.Flush();
        return tokens;
    }

    private sealed class Reader(string text, List<TextToken> tokens)
    {
        private readonly StringBuilder _word = new();
        private int _start = -1;
        private int _end;
        private bool _digits;
        private char _punctuation;

        public void Read(int i)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c) || char.IsAsciiDigit(c))
            {
                Append(char.ToLowerInvariant(c), i);
            }
            else if (IsNumberSeparator(c, i))
            {
                Flush();
                tokens.Add(new TextToken(c.ToString(), i, i + 1, '\0'));
            }
            else if ((c is '\'' or '’') && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
            {
                // "don't", "I'm", "o'clock": one word.
            }
            else if (c is ',' or '.' or ';' or ':' or '!' or '?' or '¿' or '¡' or '(' or ')' or '[' or ']' or '"' or '…' or '«' or '»' or '“' or '”')
            {
                Flush();
                _punctuation = c;
            }
            else if (c is '\n' or '\r')
            {
                Flush();
                _punctuation = '.';
            }
            else if (c < 128 || char.IsSurrogate(c))
            {
                Flush();
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent (text typed in decomposed form) belongs to the word it follows.
                if (_start >= 0)
                {
                    _end = i + 1;
                }
            }
            else if (char.IsLetter(c))
            {
                foreach (var folded in TextFolding.Fold(c.ToString()))
                {
                    Append(folded, i);
                }
            }
            else
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_start < 0)
            {
                return;
            }
            tokens.Add(new TextToken(_word.ToString(), _start, _end, _punctuation));
            _punctuation = '\0';
            _word.Clear();
            _start = -1;
        }

        private void Append(char c, int index)
        {
            var digit = char.IsAsciiDigit(c);
            if (_start >= 0 && digit != _digits)
            {
                Flush();
            }
            if (_start < 0)
            {
                _start = index;
                _digits = digit;
            }
            _word.Append(c);
            _end = index + 1;
        }

        private bool IsNumberSeparator(char c, int i) =>
            c is ':' or '/' or '.' or '-' or ',' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
    }
}
