using Conversa.Core.Language;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// How long an appointment lasts, as said in a message: "por 1 hora", "durante 45 minutos", "por una hora y media",
/// "media hora", "uma hora e meia", "for 2 hours", "for an hour", "half an hour", "90 min", "1h30". Tokens that
/// belong to a date or time ("en 2 horas" is when, not how long) are skipped.
/// </summary>
public static class DurationReader
{
    /// <summary>The longest appointment read from a sentence; anything longer is a misreading.</summary>
    public static readonly Duration Longest = Duration.FromDays(1);

    private static readonly HashSet<string> Hours = new(StringComparer.Ordinal) { "hora", "horas", "h", "hr", "hrs", "hour", "hours" };
    private static readonly HashSet<string> Minutes = new(StringComparer.Ordinal) { "minuto", "minutos", "min", "mins", "minute", "minutes", "m" };
    private static readonly HashSet<string> Half = new(StringComparer.Ordinal) { "media", "meia", "half" };
    private static readonly HashSet<string> And = new(StringComparer.Ordinal) { "y", "e", "and" };
    private static readonly HashSet<string> Lead = new(StringComparer.Ordinal) { "por", "durante", "de", "for", "during", "about", "unos", "unas", "uns", "umas" };
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an" };

    /// <summary>The first length in the message and the tokens it covers (with its "por"/"for"), or null.</summary>
    public static (Duration Length, int First, int Last)? Find(IReadOnlyList<TextToken> tokens, bool[] skip)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (skip[i] || Read(tokens, skip, i) is not { } found)
            {
                continue;
            }
            var first = i;
            while (first > 0 && !skip[first - 1] && !tokens[first].HasPunctuationBefore && Lead.Contains(tokens[first - 1].Text))
            {
                first--;
            }
            return found.Length > Duration.Zero && found.Length <= Longest ? (found.Length, first, found.Last) : null;
        }
        return null;
    }

    private static (Duration Length, int Last)? Read(IReadOnlyList<TextToken> tokens, bool[] skip, int i)
    {
        // "media hora", "meia hora", "half an hour", "half hour"
        if (Half.Contains(tokens[i].Text))
        {
            var unit = i + 1 < tokens.Count && Articles.Contains(tokens[i + 1].Text) ? i + 2 : i + 1;
            return Word(tokens, skip, unit, Hours) ? (Duration.FromMinutes(30), unit) : null;
        }
        int amount;
        int used;
        if (tokens[i].IsNumber && tokens[i].Number is >= 0 and var number)
        {
            (amount, used) = (number, 1);
        }
        else if (Articles.Contains(tokens[i].Text) && i + 1 < tokens.Count && tokens[i + 1].Text is "hour" or "minute")
        {
            // "an hour", "a minute": English only ("a hora" is Portuguese for "the time").
            (amount, used) = (1, 1);
        }
        else if (!NumberWords.TryRead(tokens, i, null, out amount, out used))
        {
            return null;
        }
        var at = i + used;
        if (Word(tokens, skip, at, Hours))
        {
            var length = Duration.FromHours(amount);
            var last = at;
            // "1 hora y media", "an hour and a half", "1h30", "2 horas y 15 minutos"
            if (Word(tokens, skip, at + 1, And) && Word(tokens, skip, at + 2, Half))
            {
                return (length + Duration.FromMinutes(30), at + 2);
            }
            if (Word(tokens, skip, at + 1, And) && Word(tokens, skip, at + 2, Articles) && Word(tokens, skip, at + 3, Half))
            {
                return (length + Duration.FromMinutes(30), at + 3);
            }
            var minutesAt = Word(tokens, skip, at + 1, And) ? at + 2 : at + 1;
            if (minutesAt < tokens.Count && !skip[minutesAt] && tokens[minutesAt].IsNumber && tokens[minutesAt].Number is >= 0 and < 60 and var extra &&
                (tokens[at].Text == "h" || Word(tokens, skip, minutesAt + 1, Minutes)))
            {
                last = Word(tokens, skip, minutesAt + 1, Minutes) ? minutesAt + 1 : minutesAt;
                length += Duration.FromMinutes(extra);
            }
            return (length, last);
        }
        // "m" is a minute only right after digits ("90m"); elsewhere it is a word of its own.
        return Word(tokens, skip, at, Minutes) && (tokens[at].Text != "m" || tokens[i].IsNumber) ? (Duration.FromMinutes(amount), at) : null;
    }

    private static bool Word(IReadOnlyList<TextToken> tokens, bool[] skip, int index, HashSet<string> words) =>
        index < tokens.Count && !skip[index] && words.Contains(tokens[index].Text);
}
