using System.Globalization;
using Conversa.Core.Contacts;
using Conversa.Core.Language;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>
/// What the booking dialogs read from a message besides what the language layer already gives: dates and times
/// put into the dialog's slots, "any provider", whether "cancel" is about an appointment or about this dialog, which
/// of a numbered list was picked, and a name typed on its own.
/// </summary>
public static class DialogReading
{
    /// <summary>How many days a range ("la próxima semana") may cover in a dialog.</summary>
    public const int MaxRangeDays = 14;

    private static readonly PhraseMatcher<bool> AnyProvider = new(Phrases(
        "cualquiera|cualquier|cualquier persona|me da igual|da igual|el que sea|la que sea|quien sea|indistinto|sin preferencia|" +
        "qualquer|qualquer um|qualquer uma|tanto faz|sem preferencia|" +
        "any|anyone|anybody|either|whoever|no preference|doesnt matter|dont mind|dont care"));

    private static readonly PhraseMatcher<bool> BookingNouns = new(Phrases(
        "cita*|turno*|reserva*|consulta*|agendamento*|horario*|marcacao|appointment*|booking*|reservation*"));

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["primer"] = 1, ["primero"] = 1, ["primera"] = 1, ["primeiro"] = 1, ["primeira"] = 1, ["first"] = 1,
        ["segundo"] = 2, ["segunda"] = 2, ["second"] = 2,
        ["tercer"] = 3, ["tercero"] = 3, ["tercera"] = 3, ["terceiro"] = 3, ["terceira"] = 3, ["third"] = 3,
        ["cuarto"] = 4, ["cuarta"] = 4, ["quarto"] = 4, ["fourth"] = 4,
    };

    public static bool SaysAnyProvider(IReadOnlyList<TextToken> tokens) => AnyProvider.Match(tokens).Count > 0;

    /// <summary>"cancelar mi cita" is about an appointment; a bare "cancela" in the middle of booking drops the dialog.</summary>
    public static bool MentionsBooking(IReadOnlyList<TextToken> tokens) => BookingNouns.Match(tokens).Count > 0;

    /// <summary>
    /// Puts the message's dates and times into the slots, later ones winning: a day keeps a time already chosen
    /// ("mejor el viernes"), a part of the day drops it, a range becomes the days to offer. True if any was found.
    /// </summary>
    public static bool ApplyTemporal(ScheduleState state, IEnumerable<TemporalExpression> expressions)
    {
        var found = false;
        foreach (var expression in expressions)
        {
            found = true;
            switch (expression.Kind)
            {
                case TemporalKind.Date when expression.Date is { } day:
                    state.Day = day;
                    state.OfferedDays = [];
                    break;
                case TemporalKind.Time when expression.Time is { } time:
                    state.Time = time;
                    break;
                case TemporalKind.DateTime when expression.Date is { } day && expression.Time is { } time:
                    state.Day = day;
                    state.Time = time;
                    state.OfferedDays = [];
                    break;
                case TemporalKind.PartOfDay:
                    state.Part = expression.PartOfDay;
                    state.Time = null;
                    if (expression.Date is { } partDay)
                    {
                        state.Day = partDay;
                        state.OfferedDays = [];
                    }
                    break;
                case TemporalKind.Range when expression.Range is { } range:
                    state.Day = null;
                    state.Time = expression.Time;
                    state.Part = expression.PartOfDay ?? state.Part;
                    var last = range.End < range.Start.PlusDays(MaxRangeDays - 1) ? range.End : range.Start.PlusDays(MaxRangeDays - 1);
                    state.OfferedDays = [range.Start, last];
                    break;
                default:
                    found = false;
                    break;
            }
        }
        return found;
    }

    /// <summary>Which of <paramref name="count"/> numbered items the message picks ("la 2", "el segundo", "2"), or null.</summary>
    public static int? PickNumber(AgentTurn turn, int count)
    {
        foreach (var token in turn.Tokens)
        {
            if (Ordinals.TryGetValue(token.Text, out var ordinal) && ordinal <= count)
            {
                return ordinal;
            }
            if (token.Text is "ultimo" or "ultima" or "last")
            {
                return count;
            }
        }
        var numbers = NumberExtractor.Extract(turn.Text, turn.Tokens, turn.Language);
        if (numbers is [var only] && only.Value == decimal.Truncate(only.Value) && only.Value >= 1 && only.Value <= count)
        {
            return (int)only.Value;
        }
        return null;
    }

    /// <summary>A name typed on its own after "¿a nombre de quién?": one to four words, nothing else.</summary>
    public static string? BareName(AgentTurn turn)
    {
        var tokens = turn.Tokens;
        if (tokens.Count is 0 or > NameExtractor.MaxWords || tokens.Any(t => !t.IsWord) ||
            ConfirmationDetector.Detect(turn.Text, tokens) != ConfirmationAnswer.None || TemporalResolver.TemporalTokens(tokens).Any(t => t))
        {
            return null;
        }
        var words = tokens.Select(t => turn.Text[t.Start..t.End]).ToList();
        var text = string.Join(' ', words);
        return text.Any(char.IsUpper) ? text : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text);
    }

    /// <summary>
    /// The contact's name if they gave one: a chat contact starts out named after the client's own id
    /// (<c>api:ana-123</c> is called "ana-123"), which is not a name to book under.
    /// </summary>
    public static string? KnownName(Contact contact)
    {
        var name = contact.Name.Trim();
        if (name.Length == 0)
        {
            return null;
        }
        var reference = contact.ExternalRef;
        var colon = reference?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon >= 0 && string.Equals(reference![(colon + 1)..], name, StringComparison.Ordinal) ? null : name;
    }

    private static IEnumerable<(string, bool)> Phrases(string text) =>
        text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (p, true));
}
