using NodaTime;

namespace Conversa.Core.Language;

/// <summary>
/// The folded words and phrases of dates and times in Spanish, Portuguese and English. They are one union: a
/// customer who writes "amanhã" to a Spanish tenant still means tomorrow, and the few words two languages use
/// differently are guarded where they are read (see <see cref="TemporalScanner"/>).
/// </summary>
internal static class TemporalLexicon
{
    public enum WeekdayMode
    {
        /// <summary>"el viernes", "friday": the next one on or after today (today's rolls a week once its time has passed).</summary>
        Bare,

        /// <summary>"este viernes", "this Friday": the next one on or after today.</summary>
        This,

        /// <summary>"el próximo lunes", "el lunes que viene", "next Monday": the first one after today.</summary>
        Next,

        /// <summary>"el lunes de la próxima semana", "Monday next week": that day of next (ISO) week.</summary>
        NextWeek,
    }

    public enum RangeName
    {
        ThisWeek,
        NextWeek,
        ThisWeekend,
        NextWeekend,
        ThisMonth,
        NextMonth,
    }

    public enum TimeMarker
    {
        /// <summary>"a las", "às" before a number with nothing else: "a las 3", "at 10".</summary>
        Strong,

        /// <summary>"las", "as", "around": a time only when no noun follows ("as 3 primeiras" is not).</summary>
        Weak,
    }

    public enum DurationUnit
    {
        Minutes,
        Hours,
        Days,
        Weeks,
        Months,
    }

    public static readonly Phrase<int>[] DayOffsets = Table(
        ("hoy", 0), ("manana", 1), ("pasado manana", 2), ("ayer", -1), ("anteayer", -2), ("antier", -2), ("antes de ayer", -2),
        ("hoje", 0), ("amanha", 1), ("depois de amanha", 2), ("ontem", -1), ("anteontem", -2),
        ("today", 0), ("tomorrow", 1), ("tomorow", 1), ("tommorow", 1), ("tommorrow", 1), ("tmrw", 1), ("tmr", 1),
        ("the day after tomorrow", 2), ("day after tomorrow", 2), ("yesterday", -1));

    public static readonly Dictionary<string, IsoDayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["lunes"] = IsoDayOfWeek.Monday, ["martes"] = IsoDayOfWeek.Tuesday, ["miercoles"] = IsoDayOfWeek.Wednesday,
        ["jueves"] = IsoDayOfWeek.Thursday, ["viernes"] = IsoDayOfWeek.Friday, ["sabado"] = IsoDayOfWeek.Saturday,
        ["domingo"] = IsoDayOfWeek.Sunday,
        ["segunda"] = IsoDayOfWeek.Monday, ["terca"] = IsoDayOfWeek.Tuesday, ["quarta"] = IsoDayOfWeek.Wednesday,
        ["quinta"] = IsoDayOfWeek.Thursday, ["sexta"] = IsoDayOfWeek.Friday,
        ["monday"] = IsoDayOfWeek.Monday, ["tuesday"] = IsoDayOfWeek.Tuesday, ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thursday"] = IsoDayOfWeek.Thursday, ["friday"] = IsoDayOfWeek.Friday, ["saturday"] = IsoDayOfWeek.Saturday,
        ["sunday"] = IsoDayOfWeek.Sunday,
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["tues"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday, ["thur"] = IsoDayOfWeek.Thursday, ["thurs"] = IsoDayOfWeek.Thursday, ["fri"] = IsoDayOfWeek.Friday,
    };

    /// <summary>Portuguese weekdays that are also ordinals ("a segunda opção", "quinta vez"), read with care.</summary>
    public static readonly HashSet<string> OrdinalWeekdays = new(StringComparer.Ordinal) { "segunda", "terca", "quarta", "quinta", "sexta" };

    public static readonly Phrase<WeekdayMode>[] WeekdayPrefixes = Table(
        ("el proximo", WeekdayMode.Next), ("el siguiente", WeekdayMode.Next), ("este proximo", WeekdayMode.Next), ("proximo", WeekdayMode.Next),
        ("proxima", WeekdayMode.Next), ("na proxima", WeekdayMode.Next), ("no proximo", WeekdayMode.Next), ("a proxima", WeekdayMode.Next),
        ("o proximo", WeekdayMode.Next), ("next", WeekdayMode.Next), ("this coming", WeekdayMode.Next), ("coming", WeekdayMode.Next),
        ("on next", WeekdayMode.Next),
        ("este", WeekdayMode.This), ("esta", WeekdayMode.This), ("essa", WeekdayMode.This), ("esse", WeekdayMode.This),
        ("nesta", WeekdayMode.This), ("neste", WeekdayMode.This), ("nessa", WeekdayMode.This), ("nesse", WeekdayMode.This),
        ("this", WeekdayMode.This), ("on this", WeekdayMode.This),
        ("el", WeekdayMode.Bare), ("on", WeekdayMode.Bare), ("na", WeekdayMode.Bare), ("no", WeekdayMode.Bare), ("o", WeekdayMode.Bare),
        ("a", WeekdayMode.Bare));

    public static readonly Phrase<WeekdayMode>[] WeekdaySuffixes = Table(
        ("que viene", WeekdayMode.Next), ("que vem", WeekdayMode.Next), ("proximo", WeekdayMode.Next), ("proxima", WeekdayMode.Next),
        ("de la proxima semana", WeekdayMode.NextWeek), ("de la semana que viene", WeekdayMode.NextWeek),
        ("de la semana proxima", WeekdayMode.NextWeek), ("da proxima semana", WeekdayMode.NextWeek),
        ("da semana que vem", WeekdayMode.NextWeek), ("next week", WeekdayMode.NextWeek), ("of next week", WeekdayMode.NextWeek),
        ("de esta semana", WeekdayMode.This), ("desta semana", WeekdayMode.This), ("dessa semana", WeekdayMode.This),
        ("this week", WeekdayMode.This));

    /// <summary>Full month names (any language) and the abbreviations read only next to a day number.</summary>
    public static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["enero"] = 1, ["febrero"] = 2, ["marzo"] = 3, ["abril"] = 4, ["mayo"] = 5, ["junio"] = 6, ["julio"] = 7, ["agosto"] = 8,
        ["septiembre"] = 9, ["setiembre"] = 9, ["octubre"] = 10, ["noviembre"] = 11, ["diciembre"] = 12,
        ["janeiro"] = 1, ["fevereiro"] = 2, ["marco"] = 3, ["maio"] = 5, ["junho"] = 6, ["julho"] = 7, ["setembro"] = 9,
        ["outubro"] = 10, ["novembro"] = 11, ["dezembro"] = 12,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6, ["july"] = 7, ["august"] = 8,
        ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
    };

    public static readonly Dictionary<string, int> MonthAbbreviations = new(StringComparer.Ordinal)
    {
        ["ene"] = 1, ["jan"] = 1, ["feb"] = 2, ["fev"] = 2, ["mar"] = 3, ["abr"] = 4, ["apr"] = 4, ["mai"] = 5, ["jun"] = 6, ["jul"] = 7,
        ["ago"] = 8, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["set"] = 9, ["oct"] = 10, ["out"] = 10, ["nov"] = 11, ["dic"] = 12,
        ["dez"] = 12, ["dec"] = 12,
    };

    public static readonly HashSet<string> Ordinals = new(StringComparer.Ordinal) { "st", "nd", "rd", "th", "o", "º", "ª", "ro", "er", "do", "to" };

    public static readonly Phrase<(DayPart Part, bool Today)>[] DayPartPhrases = Table(
        ("por la manana", (DayPart.Morning, false)), ("en la manana", (DayPart.Morning, false)), ("de la manana", (DayPart.Morning, false)),
        ("a la manana", (DayPart.Morning, false)), ("la manana", (DayPart.Morning, false)), ("esta manana", (DayPart.Morning, true)),
        ("por la tarde", (DayPart.Afternoon, false)), ("en la tarde", (DayPart.Afternoon, false)), ("de la tarde", (DayPart.Afternoon, false)),
        ("a la tarde", (DayPart.Afternoon, false)), ("la tarde", (DayPart.Afternoon, false)), ("esta tarde", (DayPart.Afternoon, true)),
        ("por la noche", (DayPart.Night, false)), ("en la noche", (DayPart.Night, false)), ("de la noche", (DayPart.Night, false)),
        ("a la noche", (DayPart.Night, false)), ("la noche", (DayPart.Night, false)), ("esta noche", (DayPart.Night, true)),
        ("de noche", (DayPart.Night, false)),
        ("por la madrugada", (DayPart.EarlyMorning, false)), ("de madrugada", (DayPart.EarlyMorning, false)),
        ("en la madrugada", (DayPart.EarlyMorning, false)), ("de la madrugada", (DayPart.EarlyMorning, false)),
        ("la madrugada", (DayPart.EarlyMorning, false)), ("esta madrugada", (DayPart.EarlyMorning, true)),
        ("de manha", (DayPart.Morning, false)), ("pela manha", (DayPart.Morning, false)), ("da manha", (DayPart.Morning, false)),
        ("na manha", (DayPart.Morning, false)), ("a manha", (DayPart.Morning, false)), ("na parte da manha", (DayPart.Morning, false)),
        ("esta manha", (DayPart.Morning, true)), ("nesta manha", (DayPart.Morning, true)), ("essa manha", (DayPart.Morning, true)),
        ("a tarde", (DayPart.Afternoon, false)), ("de tarde", (DayPart.Afternoon, false)), ("pela tarde", (DayPart.Afternoon, false)),
        ("da tarde", (DayPart.Afternoon, false)), ("na parte da tarde", (DayPart.Afternoon, false)), ("nesta tarde", (DayPart.Afternoon, true)),
        ("essa tarde", (DayPart.Afternoon, true)),
        ("a noite", (DayPart.Night, false)), ("de noite", (DayPart.Night, false)), ("pela noite", (DayPart.Night, false)),
        ("da noite", (DayPart.Night, false)), ("esta noite", (DayPart.Night, true)), ("essa noite", (DayPart.Night, true)),
        ("nesta noite", (DayPart.Night, true)), ("da madrugada", (DayPart.EarlyMorning, false)),
        ("in the morning", (DayPart.Morning, false)), ("this morning", (DayPart.Morning, true)),
        ("in the afternoon", (DayPart.Afternoon, false)), ("this afternoon", (DayPart.Afternoon, true)),
        ("in the evening", (DayPart.Evening, false)), ("this evening", (DayPart.Evening, true)),
        ("tonight", (DayPart.Night, true)), ("tonite", (DayPart.Night, true)), ("at night", (DayPart.Night, false)),
        ("a primera hora", (DayPart.Morning, false)), ("temprano", (DayPart.Morning, false)), ("bem cedo", (DayPart.Morning, false)),
        ("logo cedo", (DayPart.Morning, false)), ("cedo", (DayPart.Morning, false)), ("first thing in the morning", (DayPart.Morning, false)),
        ("early in the morning", (DayPart.Morning, false)));

    /// <summary>English part-of-day words read bare right after a day ("tomorrow morning", "Friday afternoon").</summary>
    public static readonly Dictionary<string, DayPart> BareDayParts = new(StringComparer.Ordinal)
    {
        ["morning"] = DayPart.Morning, ["afternoon"] = DayPart.Afternoon, ["evening"] = DayPart.Evening, ["night"] = DayPart.Night,
    };

    public static readonly Phrase<TimeMarker>[] TimePrefixes = Table(
        ("a las", TimeMarker.Strong), ("a la", TimeMarker.Strong), ("a eso de las", TimeMarker.Strong), ("a eso de la", TimeMarker.Strong),
        ("como a las", TimeMarker.Strong), ("sobre las", TimeMarker.Strong), ("hacia las", TimeMarker.Strong), ("para las", TimeMarker.Strong),
        ("tipo a las", TimeMarker.Strong), ("alrededor de las", TimeMarker.Strong), ("cerca de las", TimeMarker.Strong),
        ("desde las", TimeMarker.Strong), ("hasta las", TimeMarker.Strong), ("antes de las", TimeMarker.Strong),
        ("despues de las", TimeMarker.Strong),
        ("por volta das", TimeMarker.Strong), ("por volta da", TimeMarker.Strong), ("pelas", TimeMarker.Strong), ("la pelas", TimeMarker.Strong),
        ("ate as", TimeMarker.Strong), ("antes das", TimeMarker.Strong), ("depois das", TimeMarker.Strong), ("a partir das", TimeMarker.Strong),
        ("para as", TimeMarker.Strong), ("pras", TimeMarker.Strong),
        ("at", TimeMarker.Strong), ("at around", TimeMarker.Strong), ("at about", TimeMarker.Strong), ("around", TimeMarker.Weak),
        ("about", TimeMarker.Weak), ("by", TimeMarker.Weak), ("before", TimeMarker.Weak), ("after", TimeMarker.Weak),
        ("las", TimeMarker.Weak), ("la", TimeMarker.Weak), ("as", TimeMarker.Weak), ("a", TimeMarker.Weak), ("tipo", TimeMarker.Weak));

    /// <summary>Noon and midnight, with the little words before them: the hour, and whether it is the end of the day.</summary>
    public static readonly Phrase<(int Hour, bool Midnight)>[] NoonAndMidnight = Table(
        ("mediodia", (12, false)), ("medio dia", (12, false)), ("al mediodia", (12, false)), ("a mediodia", (12, false)),
        ("al medio dia", (12, false)), ("meio dia", (12, false)), ("ao meio dia", (12, false)), ("noon", (12, false)),
        ("at noon", (12, false)), ("midday", (12, false)), ("at midday", (12, false)),
        ("medianoche", (0, true)), ("media noche", (0, true)), ("a medianoche", (0, true)), ("a la medianoche", (0, true)),
        ("meia noite", (0, true)), ("a meia noite", (0, true)), ("midnight", (0, true)), ("at midnight", (0, true)));

    public static readonly HashSet<string> HourSuffixes = new(StringComparer.Ordinal) { "h", "hs", "hr", "hrs", "horas", "hora" };

    public static readonly Phrase<int>[] ClockWords = Table(("oclock", 0), ("o clock", 0), ("en punto", 0), ("em ponto", 0));

    /// <summary>Minutes after "y"/"e": "y media", "e meia", "y cuarto".</summary>
    public static readonly Dictionary<string, int> MinuteWords = new(StringComparer.Ordinal)
    {
        ["media"] = 30, ["meia"] = 30, ["cuarto"] = 15, ["quarto"] = 15,
    };

    public static readonly Phrase<RangeName>[] Ranges = Table(
        ("esta semana", RangeName.ThisWeek), ("essa semana", RangeName.ThisWeek), ("nesta semana", RangeName.ThisWeek),
        ("nessa semana", RangeName.ThisWeek), ("this week", RangeName.ThisWeek),
        ("la proxima semana", RangeName.NextWeek), ("proxima semana", RangeName.NextWeek), ("la semana que viene", RangeName.NextWeek),
        ("la semana proxima", RangeName.NextWeek), ("semana que viene", RangeName.NextWeek), ("na proxima semana", RangeName.NextWeek),
        ("a proxima semana", RangeName.NextWeek), ("semana que vem", RangeName.NextWeek), ("na semana que vem", RangeName.NextWeek),
        ("a semana que vem", RangeName.NextWeek), ("next week", RangeName.NextWeek),
        ("el fin de semana", RangeName.ThisWeekend), ("este fin de semana", RangeName.ThisWeekend), ("fin de semana", RangeName.ThisWeekend),
        ("el finde", RangeName.ThisWeekend), ("este finde", RangeName.ThisWeekend), ("no fim de semana", RangeName.ThisWeekend),
        ("neste fim de semana", RangeName.ThisWeekend), ("este fim de semana", RangeName.ThisWeekend), ("fim de semana", RangeName.ThisWeekend),
        ("no final de semana", RangeName.ThisWeekend), ("final de semana", RangeName.ThisWeekend), ("this weekend", RangeName.ThisWeekend),
        ("the weekend", RangeName.ThisWeekend), ("weekend", RangeName.ThisWeekend),
        ("el proximo fin de semana", RangeName.NextWeekend), ("el fin de semana que viene", RangeName.NextWeekend),
        ("no proximo fim de semana", RangeName.NextWeekend), ("proximo fim de semana", RangeName.NextWeekend),
        ("next weekend", RangeName.NextWeekend),
        ("este mes", RangeName.ThisMonth), ("neste mes", RangeName.ThisMonth), ("esse mes", RangeName.ThisMonth), ("this month", RangeName.ThisMonth),
        ("el proximo mes", RangeName.NextMonth), ("el mes que viene", RangeName.NextMonth), ("proximo mes", RangeName.NextMonth),
        ("mes que viene", RangeName.NextMonth), ("no proximo mes", RangeName.NextMonth), ("mes que vem", RangeName.NextMonth),
        ("no mes que vem", RangeName.NextMonth), ("next month", RangeName.NextMonth));

    public static readonly Phrase<int>[] MonthRangePrefixes = Table(
        ("en", 0), ("para", 0), ("em", 0), ("in", 0), ("el mes de", 0), ("en el mes de", 0), ("no mes de", 0), ("o mes de", 0));

    public static readonly Phrase<int>[] DurationPrefixes = Table(
        ("en", 0), ("dentro de", 0), ("de aqui a", 0), ("daqui a", 0), ("daqui", 0), ("em", 0), ("in", 0), ("in about", 0));

    public static readonly Dictionary<string, DurationUnit> DurationUnits = new(StringComparer.Ordinal)
    {
        ["minuto"] = DurationUnit.Minutes, ["minutos"] = DurationUnit.Minutes, ["min"] = DurationUnit.Minutes, ["mins"] = DurationUnit.Minutes,
        ["minute"] = DurationUnit.Minutes, ["minutes"] = DurationUnit.Minutes,
        ["hora"] = DurationUnit.Hours, ["horas"] = DurationUnit.Hours, ["hour"] = DurationUnit.Hours, ["hours"] = DurationUnit.Hours,
        ["hr"] = DurationUnit.Hours, ["hrs"] = DurationUnit.Hours, ["h"] = DurationUnit.Hours,
        ["dia"] = DurationUnit.Days, ["dias"] = DurationUnit.Days, ["day"] = DurationUnit.Days, ["days"] = DurationUnit.Days,
        ["semana"] = DurationUnit.Weeks, ["semanas"] = DurationUnit.Weeks, ["week"] = DurationUnit.Weeks, ["weeks"] = DurationUnit.Weeks,
        ["mes"] = DurationUnit.Months, ["meses"] = DurationUnit.Months, ["month"] = DurationUnit.Months, ["months"] = DurationUnit.Months,
    };

    /// <summary>Amounts written as words before a unit, in halves: "un"/"an" hour is 2, "media hora"/"half an hour" is 1.</summary>
    public static readonly Phrase<int>[] DurationAmounts = Table(
        ("un", 2), ("una", 2), ("um", 2), ("uma", 2), ("a", 2), ("an", 2), ("media", 1), ("meia", 1), ("half an", 1), ("half a", 1),
        ("un par de", 4), ("um par de", 4), ("a couple of", 4), ("a couple", 4), ("couple of", 4));

    public static readonly Phrase<int>[] HalfAfter = Table(("y media", 1), ("e meia", 1), ("and a half", 1));

    /// <summary>Words that link the parts of one expression: "mañana <u>a</u> las 3", "el viernes<u>,</u> por la tarde".</summary>
    public static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "a", "al", "de", "del", "en", "el", "la", "las", "por", "para", "at", "on", "in", "the", "as", "na", "no", "o", "em", "pela",
        "pelo", "around", "sobre", "tipo", "hacia", "y", "e", "and", "mismo", "pra",
    };

    /// <summary>Words that may follow a weakly marked hour ("las 3 <u>de</u>...") without making it a count of something.</summary>
    public static readonly HashSet<string> TimeFollowers = new(StringComparer.Ordinal)
    {
        "de", "del", "da", "do", "por", "pela", "en", "em", "el", "o", "y", "e", "para", "pra", "ok", "okay", "porfa", "please", "pls", "gracias",
        "obrigado", "obrigada", "thanks", "con", "com", "with", "on", "in", "this", "esta", "este", "the", "a", "entonces", "then", "mejor",
        "better", "si", "sim", "yes", "puede", "pode", "can", "is", "es", "seria", "estaria", "works", "sirve", "serve", "or", "ou",
    };

    public static readonly Phrase<int>[] DateArticles = Words("el", "o", "on", "no");
    public static readonly Phrase<int>[] ArticlesAfterWeekday = Words("el", "the");
    public static readonly Phrase<int>[] DayOfMonthWords = Words("el dia", "o dia", "no dia", "dia", "the", "on the");
    public static readonly Phrase<int>[] DayMonthLinks = Words("de", "of");
    public static readonly Phrase<int>[] YearLinks = Words("de", "del", "of");

    /// <summary>
    /// Every word a temporal expression can start with, so the scanner skips the other words of a message at once:
    /// the first words of all phrases, weekdays, months, and number words (digits always qualify).
    /// </summary>
    public static readonly HashSet<string> Starters = BuildStarters();

    public static bool CanStart(TextToken token) => token.IsNumber || Starters.Contains(token.Text) || NumberWords.IsNumberWord(token.Text);

    public static Phrase<T>[] Table<T>(params (string Phrase, T Value)[] entries) =>
        [.. entries.Select(e => new Phrase<T>(e.Phrase.Split(' '), e.Value)).OrderByDescending(p => p.Words.Length)];

    private static Phrase<int>[] Words(params string[] phrases) => Table([.. phrases.Select(p => (p, 0))]);

    private static HashSet<string> BuildStarters()
    {
        var starters = new HashSet<string>(StringComparer.Ordinal) { "half", "quarter", "a" };
        void AddFirst<T>(Phrase<T>[] table)
        {
            foreach (var phrase in table)
            {
                starters.Add(phrase.Words[0]);
            }
        }
        AddFirst(DayOffsets);
        AddFirst(WeekdayPrefixes);
        AddFirst(DayPartPhrases);
        AddFirst(TimePrefixes);
        AddFirst(NoonAndMidnight);
        AddFirst(Ranges);
        AddFirst(MonthRangePrefixes);
        AddFirst(DurationPrefixes);
        AddFirst(DateArticles);
        AddFirst(DayOfMonthWords);
        starters.UnionWith(Weekdays.Keys);
        starters.UnionWith(Months.Keys);
        starters.UnionWith(MonthAbbreviations.Keys);
        starters.UnionWith(BareDayParts.Keys);
        return starters;
    }

    public readonly record struct Phrase<T>(string[] Words, T Value);
}
