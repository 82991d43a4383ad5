using NodaTime;
using static Conversa.Core.Language.TemporalLexicon;
using Kinds = Conversa.Core.Language.TemporalPiece.Kinds;
using Meridiem = Conversa.Core.Language.TemporalPiece.Meridiem;

namespace Conversa.Core.Language;

/// <summary>
/// Reads a tokenized message left to right and, at each token, keeps the longest piece any recognizer finds there
/// (a duration, a named range, an explicit date, a weekday, a relative day, a part of day, a time). Days are resolved
/// here against today; hours are resolved later, when the piece knows its part of day.
/// </summary>
internal sealed class TemporalScanner(IReadOnlyList<TextToken> tokens, TemporalContext context)
{
    private readonly LocalDate _today = context.Today;
    private readonly List<TemporalPiece> _pieces = [];

    public List<TemporalPiece> Scan()
    {
        var i = 0;
        while (i < tokens.Count)
        {
            var piece = Longest(i);
            if (piece is null)
            {
                i++;
                continue;
            }
            _pieces.Add(piece);
            i = piece.Last + 1;
        }
        return _pieces;
    }

    private TemporalPiece? Longest(int i)
    {
        if (!CanStart(tokens[i]))
        {
            return null;
        }
        TemporalPiece? best = null;
        foreach (var piece in (ReadOnlySpan<TemporalPiece?>)[Duration(i), NamedRange(i), MonthRange(i), ExplicitDate(i), Weekday(i), RelativeDay(i), PartOfDay(i), Time(i)])
        {
            if (piece is not null && (best is null || piece.Last > best.Last))
            {
                best = piece;
            }
        }
        return best;
    }

    // ---- days -------------------------------------------------------------------------------------------

    private TemporalPiece? RelativeDay(int i)
    {
        if (!TryPhrase(DayOffsets, i, out var offset, out var count))
        {
            return null;
        }
        // "la mañana", "esta mañana", "cada mañana" are mornings, not tomorrow.
        if (tokens[i].Text == "manana" && count == 1 && i > 0 && !tokens[i].HasPunctuationBefore
            && tokens[i - 1].Text is "la" or "esta" or "esa" or "cada" or "una" or "toda" or "media" or "buena" or "buenas")
        {
            return null;
        }
        return new TemporalPiece(Kinds.Day, i, i + count - 1) { Date = _today.PlusDays(offset) };
    }

    private TemporalPiece? Weekday(int i)
    {
        var j = i;
        var mode = WeekdayMode.Bare;
        var prefixed = TryPhrase(WeekdayPrefixes, j, out var prefixMode, out var prefixCount) && IsWeekdayAt(j + prefixCount)
            && !tokens[j + prefixCount].HasPunctuationBefore;
        if (prefixed)
        {
            mode = prefixMode;
            j += prefixCount;
        }
        if (!IsWeekdayAt(j))
        {
            return null;
        }
        var word = tokens[j].Text;
        var day = Weekdays[word];
        j++;
        var feira = j < tokens.Count && tokens[j].Text == "feira" && !tokens[j].HasPunctuationBefore;
        if (feira)
        {
            j++;
        }
        var suffixed = TryPhrase(WeekdaySuffixes, j, out var suffixMode, out var suffixCount);
        if (suffixed)
        {
            mode = suffixMode;
            j += suffixCount;
        }
        if (OrdinalWeekdays.Contains(word) && !feira && !suffixed && !ReadsAsWeekday(i, j, prefixed ? tokens[i].Text : null, mode))
        {
            return null;
        }
        return new TemporalPiece(Kinds.Day, i, j - 1) { Date = WeekdayDate(day, mode), RollIfPast = mode == WeekdayMode.Bare };
    }

    private bool IsWeekdayAt(int j) => j < tokens.Count && Weekdays.ContainsKey(tokens[j].Text);

    /// <summary>
    /// "segunda", "quinta"... without "-feira" are weekdays after "na", "próxima", "nesta" and the like, before a
    /// time ("sexta às 10"), or at the end of the message ("prefiro quinta"); not in "a segunda opção".
    /// </summary>
    private bool ReadsAsWeekday(int first, int next, string? prefix, WeekdayMode mode)
    {
        if (mode != WeekdayMode.Bare || prefix is "na" or "no" || (first > 0 && tokens[first - 1].Text is "pra" or "para" or "ate" or "toda"))
        {
            return true;
        }
        if (next >= tokens.Count || tokens[next].HasPunctuationBefore)
        {
            return prefix is not ("a" or "o") || first == 0;
        }
        return Time(next) is not null || PartOfDay(next) is not null;
    }

    private LocalDate WeekdayDate(IsoDayOfWeek day, WeekdayMode mode)
    {
        var ahead = ((int)day - (int)_today.DayOfWeek + 7) % 7;
        return mode switch
        {
            WeekdayMode.Next => _today.PlusDays(ahead == 0 ? 7 : ahead),
            WeekdayMode.NextWeek => _today.PlusDays(8 - (int)_today.DayOfWeek + (int)day - 1),
            _ => _today.PlusDays(ahead),
        };
    }

    private TemporalPiece? ExplicitDate(int i)
    {
        var j = i;
        j += OptionalWords(j, DateArticles);
        // A weekday before the date is only a check on it: "el viernes 5 de diciembre", "Friday, December 5".
        if (j < tokens.Count && Weekdays.ContainsKey(tokens[j].Text))
        {
            j++;
            if (j < tokens.Count && tokens[j].Text == "feira")
            {
                j++;
            }
            j += OptionalWords(j, ArticlesAfterWeekday);
        }
        var dayOnly = 0;
        var k = j + OptionalWords(j, DayOfMonthWords);
        if (k > j)
        {
            dayOnly = k - j;
            j = k;
        }

        if (ReadDayMonth(j, out var day, out var month, out var year, out var end) || ReadMonthDay(j, out day, out month, out year, out end)
            || ReadNumericDate(j, out day, out month, out year, out end))
        {
            var date = year > 0 ? Valid(year, month, day) : NextDate(month, day);
            return date is null ? null : new TemporalPiece(Kinds.Day, i, end) { Date = date };
        }
        // "el día 5", "dia 15", "the 5th", and "el 15" before a time: the next day of the month with that number.
        var beforeTime = dayOnly == 0 && j > i && tokens[i].Text is "el" or "o" && j + 1 < tokens.Count && Time(j + 1) is not null;
        if ((dayOnly > 0 || beforeTime) && j < tokens.Count && tokens[j].IsNumber && tokens[j].Number is >= 1 and <= 31 && !tokens[j].HasPunctuationBefore)
        {
            var last = j + (j + 1 < tokens.Count && Ordinals.Contains(tokens[j + 1].Text) && !tokens[j + 1].HasPunctuationBefore ? 1 : 0);
            if (tokens[j - 1].Text == "the" && last == j)
            {
                return null; // "the 5" is not a date; "the 5th" is
            }
            return new TemporalPiece(Kinds.Day, i, last) { Date = NextDayOfMonth(tokens[j].Number) };
        }
        return null;
    }

    /// <summary>"5 de diciembre", "5 dic", "5th of December", "5 de dezembro de 2026".</summary>
    private bool ReadDayMonth(int j, out int day, out int month, out int year, out int end)
    {
        (day, month, year, end) = (0, 0, 0, 0);
        if (!IsDayNumber(j))
        {
            return false;
        }
        day = tokens[j].Number;
        var k = j + 1;
        k += Ordinal(k);
        k += OptionalWords(k, DayMonthLinks);
        if (!TryMonth(k, allowAbbreviation: true, out month))
        {
            return false;
        }
        end = k;
        year = Year(k + 1, ref end);
        return true;
    }

    /// <summary>"December 5", "dec 5th, 2026", "diciembre 5".</summary>
    private bool ReadMonthDay(int j, out int day, out int month, out int year, out int end)
    {
        (day, month, year, end) = (0, 0, 0, 0);
        if (!TryMonth(j, allowAbbreviation: true, out month) || !IsDayNumber(j + 1) || tokens[j + 1].HasPunctuationBefore)
        {
            return false;
        }
        day = tokens[j + 1].Number;
        end = j + 1 + Ordinal(j + 2);
        year = Year(end + 1, ref end);
        return true;
    }

    /// <summary>
    /// "5/12", "5-12-2026", "2026-12-05". Day first for Spanish and Portuguese, month first for English; when that
    /// order is impossible and the other is valid ("25/12" in English, "12/25" in Spanish) the other is taken.
    /// </summary>
    private bool ReadNumericDate(int j, out int day, out int month, out int year, out int end)
    {
        (day, month, year, end) = (0, 0, 0, 0);
        if (j + 2 >= tokens.Count || !tokens[j].IsNumber || !tokens[j + 1].IsSeparator || !tokens[j + 2].IsNumber)
        {
            return false;
        }
        var separator = tokens[j + 1].Text;
        if (separator is not ("/" or "-" or "."))
        {
            return false;
        }
        var (a, b) = (tokens[j].Number, tokens[j + 2].Number);
        var hasThird = j + 4 < tokens.Count && tokens[j + 3].Text == separator && tokens[j + 4].IsNumber;
        if (tokens[j].Text.Length == 4 && separator == "-" && hasThird)
        {
            (year, month, day, end) = (a, b, tokens[j + 4].Number, j + 4);
            return true; // ISO 2026-12-05
        }
        if (tokens[j].Text.Length > 2 || tokens[j + 2].Text.Length > 2 || (separator != "/" && !hasThird) || (a == 24 && b == 7))
        {
            return false; // "15.30" is a time or a price, "10-15" a range, "24/7" opening hours
        }
        var monthFirst = context.Language == SupportedLanguages.English ? a <= 12 : b > 12 && a <= 12;
        (month, day) = monthFirst ? (a, b) : (b, a);
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }
        end = j + 2;
        if (hasThird && tokens[j + 4].Text.Length is 2 or 4)
        {
            year = tokens[j + 4].Number;
            year += year < 100 ? 2000 : 0;
            end = j + 4;
        }
        return true;
    }

    private bool IsDayNumber(int j) =>
        j < tokens.Count && tokens[j].IsNumber && tokens[j].Text.Length <= 2 && tokens[j].Number is >= 1 and <= 31
        && (j + 1 >= tokens.Count || !tokens[j + 1].IsSeparator);

    private int Ordinal(int k) =>
        k < tokens.Count && Ordinals.Contains(tokens[k].Text) && !tokens[k].HasPunctuationBefore ? 1 : 0;

    private bool TryMonth(int k, bool allowAbbreviation, out int month)
    {
        month = 0;
        if (k >= tokens.Count)
        {
            return false;
        }
        var word = tokens[k].Text;
        if (word is "out" or "set" && context.Language != SupportedLanguages.Portuguese)
        {
            return false; // "2 out of 3", "5 sets" outside Portuguese
        }
        return Months.TryGetValue(word, out month) || (allowAbbreviation && MonthAbbreviations.TryGetValue(word, out month));
    }

    /// <summary>An optional year after a day and month ("de 2026", "del 2026", ", 2026", "2026"); 0 when there is none.</summary>
    private int Year(int k, ref int end)
    {
        var at = k + OptionalWords(k, YearLinks);
        if (at < tokens.Count && tokens[at].IsNumber && tokens[at].Text.Length == 4 && tokens[at].Number is >= 1900 and <= 2999
            && (at + 1 >= tokens.Count || !tokens[at + 1].IsSeparator))
        {
            end = at;
            return tokens[at].Number;
        }
        return 0;
    }

    private LocalDate? NextDate(int month, int day)
    {
        // The first such date on or after today (asked in December, "el 5 de enero" is next year's).
        for (var year = _today.Year; year <= _today.Year + 8; year++)
        {
            if (Valid(year, month, day) is { } date && date >= _today)
            {
                return date;
            }
        }
        return null;
    }

    private LocalDate NextDayOfMonth(int day)
    {
        var month = new LocalDate(_today.Year, _today.Month, 1);
        while (true)
        {
            if (day <= month.Calendar.GetDaysInMonth(month.Year, month.Month) && month.PlusDays(day - 1) >= _today)
            {
                return month.PlusDays(day - 1);
            }
            month = month.PlusMonths(1);
        }
    }

    private static LocalDate? Valid(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 1900 and <= 2999 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month)
            ? new LocalDate(year, month, day)
            : null;

    // ---- ranges and durations ---------------------------------------------------------------------------

    private TemporalPiece? NamedRange(int i)
    {
        if (!TryPhrase(Ranges, i, out var name, out var count))
        {
            return null;
        }
        var dow = (int)_today.DayOfWeek;
        var nextMonday = _today.PlusDays(8 - dow);
        var firstOfMonth = new LocalDate(_today.Year, _today.Month, 1);
        var range = name switch
        {
            RangeName.ThisWeek => new DateInterval(_today, _today.PlusDays(7 - dow)),
            RangeName.NextWeek => new DateInterval(nextMonday, nextMonday.PlusDays(6)),
            RangeName.ThisWeekend => dow == 7 ? new DateInterval(_today, _today) : new DateInterval(_today.PlusDays(Math.Max(0, 6 - dow)), _today.PlusDays(7 - dow)),
            RangeName.NextWeekend => new DateInterval(nextMonday.PlusDays(5), nextMonday.PlusDays(6)),
            RangeName.ThisMonth => new DateInterval(_today, firstOfMonth.PlusMonths(1).PlusDays(-1)),
            _ => new DateInterval(firstOfMonth.PlusMonths(1), firstOfMonth.PlusMonths(2).PlusDays(-1)),
        };
        return new TemporalPiece(Kinds.Range, i, i + count - 1) { Range = range };
    }

    /// <summary>"en diciembre", "in May", "no mês de março": the whole month (this year's if not over, else next year's).</summary>
    private TemporalPiece? MonthRange(int i)
    {
        if (!TryPhrase(MonthRangePrefixes, i, out _, out var count) || !TryMonth(i + count, allowAbbreviation: false, out var month))
        {
            return null;
        }
        var end = i + count;
        var year = Year(end + 1, ref end);
        if (year == 0)
        {
            year = month >= _today.Month ? _today.Year : _today.Year + 1;
        }
        var first = new LocalDate(year, month, 1);
        var last = first.PlusMonths(1).PlusDays(-1);
        return new TemporalPiece(Kinds.Range, i, end) { Range = new DateInterval(first < _today && last >= _today ? _today : first, last) };
    }

    /// <summary>"en 2 horas", "daqui a 30 minutos", "in half an hour", "en 3 días", "in a week".</summary>
    private TemporalPiece? Duration(int i)
    {
        if (!TryPhrase(DurationPrefixes, i, out _, out var count))
        {
            return null;
        }
        var j = i + count;
        int halves;
        if (j < tokens.Count && tokens[j].IsNumber && tokens[j].Number is >= 0 and <= 1000 && !(j + 1 < tokens.Count && tokens[j + 1].IsSeparator))
        {
            halves = tokens[j].Number * 2;
            j++;
        }
        else if (TryPhrase(DurationAmounts, j, out halves, out var amountCount))
        {
            j += amountCount;
        }
        else if (NumberWords.TryRead(tokens, j, null, out var number, out var wordCount))
        {
            halves = number * 2;
            j += wordCount;
        }
        else
        {
            return null;
        }
        if (j >= tokens.Count || tokens[j].HasPunctuationBefore || !DurationUnits.TryGetValue(tokens[j].Text, out var unit))
        {
            return null;
        }
        if (TryPhrase(HalfAfter, j + 1, out var half, out var halfCount))
        {
            halves += half;
            j += halfCount;
        }
        var piece = new TemporalPiece(Kinds.Moment, i, j);
        return unit switch
        {
            DurationUnit.Minutes => piece with { Moment = context.Now.Plus(NodaTime.Duration.FromSeconds(halves * 30L)).InZone(context.Zone) },
            DurationUnit.Hours => piece with { Moment = context.Now.Plus(NodaTime.Duration.FromMinutes(halves * 30L)).InZone(context.Zone) },
            DurationUnit.Days => piece with { Kind = Kinds.Day, Date = _today.PlusDays(halves / 2) },
            DurationUnit.Weeks => piece with { Kind = Kinds.Day, Date = _today.PlusDays(halves / 2 * 7) },
            _ => piece with { Kind = Kinds.Day, Date = _today.PlusMonths(halves / 2) },
        };
    }

    // ---- parts of day and times -------------------------------------------------------------------------

    private TemporalPiece? PartOfDay(int i)
    {
        if (i >= tokens.Count)
        {
            return null;
        }
        if (TryPhrase(DayPartPhrases, i, out var part, out var count))
        {
            return new TemporalPiece(Kinds.DayPart, i, i + count - 1) { Part = part.Part, Date = part.Today ? _today : null };
        }
        // "tomorrow morning", "Friday afternoon".
        if (i > 0 && BareDayParts.TryGetValue(tokens[i].Text, out var bare) && !tokens[i].HasPunctuationBefore
            && _pieces.Count > 0 && _pieces[^1] is { Kind: Kinds.Day } day && day.Last == i - 1)
        {
            return new TemporalPiece(Kinds.DayPart, i, i) { Part = bare };
        }
        return null;
    }

    private TemporalPiece? Time(int i)
    {
        var j = i;
        var marker = TryPhrase(TimePrefixes, j, out var kind, out var markerCount) ? kind : (TimeMarker?)null;
        if (marker == TimeMarker.Weak && tokens[i].Text == "as" && context.Language == SupportedLanguages.English)
        {
            marker = null; // English "as 3 people"; Portuguese "às" folds to "as"
        }
        if (marker is not null)
        {
            j += markerCount;
        }
        if (TryPhrase(NoonAndMidnight, j, out var noon, out var noonCount))
        {
            return new TemporalPiece(Kinds.Time, i, j + noonCount - 1) { Hour = noon.Hour, Explicit24 = true, Midnight = noon.Midnight };
        }
        if (marker is null && TryPhrase(NoonAndMidnight, i, out noon, out noonCount))
        {
            return new TemporalPiece(Kinds.Time, i, i + noonCount - 1) { Hour = noon.Hour, Explicit24 = true, Midnight = noon.Midnight };
        }
        if (EnglishQuarter(j, out var piece))
        {
            return piece! with { First = i };
        }
        if (marker is null && context.ExpectingTime)
        {
            marker = TimeMarker.Weak;
        }

        int hour;
        var written = false;
        var leadingZero = false;
        if (j < tokens.Count && tokens[j].IsNumber && tokens[j].Text.Length <= 2 && (j == i || !tokens[j].HasPunctuationBefore))
        {
            hour = tokens[j].Number;
            leadingZero = tokens[j].Text.Length == 2 && tokens[j].Text[0] == '0';
            j++;
        }
        else if (j < tokens.Count && (j == i || !tokens[j].HasPunctuationBefore) && NumberWords.TryRead(tokens, j, null, out hour, out var wordCount)
            && hour is >= 1 and <= 24)
        {
            written = true;
            j += wordCount;
        }
        else
        {
            return null;
        }

        var minute = 0;
        var suffix = false;
        var hasMinutes = false;
        if (Separator(j, ":") && TwoDigits(j + 1, out minute))
        {
            j += 2;
            suffix = true;
            hasMinutes = true;
        }
        else if (Separator(j, ".") && marker is not null && TwoDigits(j + 1, out minute))
        {
            j += 2;
            hasMinutes = true;
        }
        // "15h", "15h30", "15 hrs"; "hora(s)" only after a marker or a 24-hour hour ("a las 15 horas", "15 horas"), since
        // "2 horas de masaje" is a length of time.
        if (!hasMinutes && j < tokens.Count && HourSuffixes.Contains(tokens[j].Text) && !tokens[j].HasPunctuationBefore
            && (tokens[j].Text is not ("hora" or "horas") || marker is not null || hour > 12))
        {
            j++;
            suffix = true;
            if (j < tokens.Count && tokens[j].IsNumber && !tokens[j].HasPunctuationBefore && TwoDigits(j, out minute))
            {
                j++;
                hasMinutes = true;
            }
        }
        if (!hasMinutes && ReadWordMinutes(ref j, ref hour, out var wordMinutes))
        {
            minute = wordMinutes;
        }

        var clock = Meridiem.None;
        if (ReadMeridiem(j, out clock, out var clockCount))
        {
            j += clockCount;
            suffix = true;
        }
        if (TryPhrase(ClockWords, j, out _, out var clockWords))
        {
            j += clockWords;
            suffix = true;
        }
        var partFollows = PartOfDay(j) is not null;

        if (!suffix && !partFollows && (marker is null || (marker == TimeMarker.Weak && NounFollows(j))))
        {
            return null;
        }
        if (written && marker is null && !partFollows && clock == Meridiem.None)
        {
            return null;
        }
        if (clock != Meridiem.None ? hour is < 1 or > 12 : hour > 24 || minute > 59)
        {
            return null;
        }
        var midnight = hour == 24;
        return new TemporalPiece(Kinds.Time, i, j - 1)
        {
            Hour = midnight ? 0 : hour,
            Minute = minute,
            Clock = clock,
            Explicit24 = hour is 0 or > 12 || leadingZero,
            Midnight = midnight,
        };
    }

    /// <summary>"y media", "e meia", "y cuarto", "y 10", "y veinte", "menos cuarto", "menos 10".</summary>
    private bool ReadWordMinutes(ref int j, ref int hour, out int minute)
    {
        minute = 0;
        if (j + 1 >= tokens.Count || tokens[j].HasPunctuationBefore || tokens[j + 1].HasPunctuationBefore)
        {
            return false;
        }
        var link = tokens[j].Text;
        var at = j + 1;
        int value;
        int count;
        if (MinuteWords.TryGetValue(tokens[at].Text, out value))
        {
            count = 1;
        }
        else if (tokens[at].IsNumber && tokens[at].Text.Length <= 2 && tokens[at].Number is >= 1 and <= 59
            && !(at + 1 < tokens.Count && DurationUnits.ContainsKey(tokens[at + 1].Text)))
        {
            (value, count) = (tokens[at].Number, 1);
        }
        else if (!NumberWords.TryRead(tokens, at, null, out value, out count) || value is < 1 or > 59)
        {
            return false;
        }
        if (link is "y" or "e")
        {
            minute = value;
        }
        else if (link == "menos" && value < 60 && hour >= 1)
        {
            minute = 60 - value;
            hour = hour == 1 ? 12 : hour - 1;
        }
        else
        {
            return false;
        }
        j = at + count;
        return true;
    }

    /// <summary>"half past 3", "quarter past ten", "quarter to 4".</summary>
    private bool EnglishQuarter(int j, out TemporalPiece? piece)
    {
        piece = null;
        int minute;
        var ahead = 0;
        if (PhraseAt(j, ["half", "past"]))
        {
            minute = 30;
        }
        else if (PhraseAt(j, ["quarter", "past"]) || PhraseAt(j, ["a", "quarter", "past"]))
        {
            minute = 15;
        }
        else if (PhraseAt(j, ["quarter", "to"]) || PhraseAt(j, ["a", "quarter", "to"]))
        {
            minute = 45;
            ahead = 1;
        }
        else
        {
            return false;
        }
        var at = j + (tokens[j].Text == "a" ? 3 : 2);
        int hour;
        var count = 1;
        if (at < tokens.Count && tokens[at].IsNumber && tokens[at].Number is >= 1 and <= 12)
        {
            hour = tokens[at].Number;
        }
        else if (!NumberWords.TryRead(tokens, at, SupportedLanguages.English, out hour, out count) || hour is < 1 or > 12)
        {
            return false;
        }
        hour -= ahead;
        hour = hour == 0 ? 12 : hour;
        piece = new TemporalPiece(Kinds.Time, j, at + count - 1) { Hour = hour, Minute = minute };
        return true;
    }

    private bool ReadMeridiem(int j, out Meridiem clock, out int count)
    {
        clock = Meridiem.None;
        count = 0;
        if (j >= tokens.Count)
        {
            return false;
        }
        var word = tokens[j].Text;
        if (word is "am" or "pm")
        {
            (clock, count) = (word == "am" ? Meridiem.Am : Meridiem.Pm, 1);
            return true;
        }
        // "a.m.", "p. m."
        if (word is "a" or "p" && j + 1 < tokens.Count && tokens[j + 1].Text == "m")
        {
            (clock, count) = (word == "a" ? Meridiem.Am : Meridiem.Pm, 2);
            return true;
        }
        return false;
    }

    /// <summary>After a weakly marked hour, a word that is not part of a date or time makes it a count ("as 3 primeiras").</summary>
    private bool NounFollows(int j)
    {
        if (j >= tokens.Count || tokens[j].HasPunctuationBefore)
        {
            return false;
        }
        var next = tokens[j];
        if (!next.IsWord || TimeFollowers.Contains(next.Text))
        {
            return false;
        }
        return RelativeDay(j) is null && Weekday(j) is null && PartOfDay(j) is null && NamedRange(j) is null;
    }

    // ---- token helpers ----------------------------------------------------------------------------------

    private bool Separator(int j, string separator) => j < tokens.Count && tokens[j].IsSeparator && tokens[j].Text == separator;

    private bool TwoDigits(int j, out int value)
    {
        value = 0;
        if (j >= tokens.Count || !tokens[j].IsNumber || tokens[j].Text.Length != 2 || tokens[j].Number > 59)
        {
            return false;
        }
        value = tokens[j].Number;
        return true;
    }

    /// <summary>How many tokens the longest of the phrases at <paramref name="j"/> covers (0 when none is there).</summary>
    private int OptionalWords(int j, Phrase<int>[] phrases) => TryPhrase(phrases, j, out _, out var count) ? count : 0;

    private bool TryPhrase<T>(Phrase<T>[] table, int j, out T value, out int count)
    {
        foreach (var phrase in table)
        {
            if (PhraseAt(j, phrase.Words))
            {
                value = phrase.Value;
                count = phrase.Words.Length;
                return true;
            }
        }
        value = default!;
        count = 0;
        return false;
    }

    /// <summary>The words follow one another from <paramref name="j"/>, with no punctuation inside the phrase.</summary>
    private bool PhraseAt(int j, string[] words)
    {
        if (j + words.Length > tokens.Count)
        {
            return false;
        }
        for (var k = 0; k < words.Length; k++)
        {
            var token = tokens[j + k];
            if (token.Text != words[k] || (k > 0 && token.HasPunctuationBefore))
            {
                return false;
            }
        }
        return true;
    }
}
