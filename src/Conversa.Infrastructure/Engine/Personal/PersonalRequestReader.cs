using Conversa.Core.Language;
using Conversa.Core.Personal;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// Reads a staff user's message to their personal assistant into one <see cref="PersonalRequest"/>. The phrases of
/// <see cref="PersonalPhrases"/> decide, in this order: a task done ("ya hice…", "mark … as done"), a new
/// appointment ("nueva reunión…", "agenda una…"), a new task ("recuérdame…"), the task list ("pendientes",
/// "overdue"; with a day named, that day's agenda), the agenda ("¿qué tengo…?"), a sentence that starts with
/// "agenda"/"schedule" (a new appointment when it names one, else the agenda of the day named); then the router's
/// intent hint, a bare day ("¿y el viernes?"), and help. Dates and times are resolved by
/// <see cref="TemporalResolver"/> in the tenant's zone.
/// </summary>
public static class PersonalRequestReader
{
    /// <summary>The longest stretch of days one agenda answer covers.</summary>
    public const int MaxAgendaDays = 31;

    /// <summary>A command verb counts as the sentence's verb within its first words ("¿puedes agendar…?").</summary>
    private const int LeadingWords = 4;

    /// <summary>A message this short that names a day asks for that day ("¿y el viernes?").</summary>
    private const int ShortQuestionWords = 5;

    private static readonly HashSet<string> NotVerbBefore = new(StringComparer.Ordinal)
    {
        "mi", "mis", "tu", "la", "minha", "sua", "a", "na", "my", "the", "your", "de", "da", "en", "em", "on", "in",
    };

    public static PersonalRequest Read(string text, IReadOnlyList<TextToken> tokens, TemporalContext context, string? intentHint)
    {
        var cues = PersonalPhrases.Cues.Match(tokens);
        bool Has(PersonalCue cue) => cues.Any(c => c.Value == cue);
        var when = TemporalResolver.FindAll(text, context);

        if (Has(PersonalCue.Done) || Has(PersonalCue.DoneState))
        {
            return new CompleteTaskRequest(CompletionQuery(text, tokens, cues));
        }
        if (Has(PersonalCue.NewAppointment))
        {
            return Appointment(text, tokens, context, cues, when, PersonalCue.NewAppointment);
        }
        if (Has(PersonalCue.NewTask))
        {
            return Task(text, tokens, context, cues, when);
        }
        if (Has(PersonalCue.Tasks) || Has(PersonalCue.Overdue))
        {
            return Days(when, context) is { } named && !Has(PersonalCue.Overdue)
                ? named
                : new TaskListRequest(Has(PersonalCue.Overdue));
        }
        if (Has(PersonalCue.Agenda))
        {
            return Days(when, context) ?? new AgendaRequest(context.Today, context.Today);
        }
        if (cues.Any(c => c.Value == PersonalCue.NewAppointmentVerb && IsLeadingVerb(tokens, c.FirstToken)) &&
            Appointment(text, tokens, context, cues, when, PersonalCue.NewAppointmentVerb) is { Title: not null } appointment)
        {
            return appointment;
        }
        if (intentHint == Intents.PersonalAgenda || (when.Count > 0 && tokens.Count(t => t.IsWord || t.IsNumber) <= ShortQuestionWords))
        {
            return Days(when, context) ?? new AgendaRequest(context.Today, context.Today);
        }
        if (intentHint == Intents.Task)
        {
            return new TaskListRequest(OverdueOnly: false);
        }
        return new HelpRequest(Has(PersonalCue.Help) || intentHint is not null && Intents.IsSocial(intentHint));
    }

    /// <summary>The days a date or range names ("mañana", "el viernes", "esta semana"), or null when none is named.</summary>
    private static AgendaRequest? Days(IReadOnlyList<TemporalExpression> when, TemporalContext context)
    {
        foreach (var expression in when)
        {
            if (expression.Range is { } range)
            {
                var end = range.End;
                var last = range.Start.PlusDays(MaxAgendaDays - 1);
                return new AgendaRequest(range.Start, end < last ? end : last);
            }
            if (expression.Date is { } date)
            {
                return new AgendaRequest(date, date);
            }
            if (expression.Kind == TemporalKind.Time)
            {
                return new AgendaRequest(context.Today, context.Today);
            }
        }
        return null;
    }

    private static NewTaskRequest Task(
        string text, IReadOnlyList<TextToken> tokens, TemporalContext context, IReadOnlyList<PhraseHit<PersonalCue>> cues, IReadOnlyList<TemporalExpression> when)
    {
        var removed = new bool[tokens.Count];
        Remove(removed, cues.Where(c => c.Value is PersonalCue.NewTask or PersonalCue.Politeness).Select(c => (c.FirstToken, c.LastToken)));
        var due = when.FirstOrDefault(w => w.Kind != TemporalKind.Range) ?? (when.Count > 0 ? when[0] : null);
        if (due is not null)
        {
            RemoveSpan(removed, tokens, due.Span);
        }
        var priorities = PersonalPhrases.Priorities.Match(tokens);
        Remove(removed, priorities.Select(p => (p.FirstToken, p.LastToken)));
        var (at, allDay) = Due(due, context);
        TaskPriority? priority = priorities.Count > 0 ? priorities.Max(p => p.Value) : null;
        return new NewTaskRequest(ItemTitle.From(text, tokens, removed), at, allDay, priority);
    }

    private static NewAppointmentRequest Appointment(
        string text, IReadOnlyList<TextToken> tokens, TemporalContext context, IReadOnlyList<PhraseHit<PersonalCue>> cues,
        IReadOnlyList<TemporalExpression> when, PersonalCue trigger)
    {
        var removed = new bool[tokens.Count];
        var command = cues.First(c => c.Value == trigger);
        // Everything up to the command ("¿puedes agendar una") is not the appointment's name, but the noun it ends with is.
        Remove(removed, [(0, command.LastToken)]);
        if (PersonalPhrases.AppointmentNouns.Contains(tokens[command.LastToken].Text))
        {
            removed[command.LastToken] = false;
        }
        Remove(removed, cues.Where(c => c.Value == PersonalCue.Politeness).Select(c => (c.FirstToken, c.LastToken)));
        var temporal = new bool[tokens.Count];
        foreach (var expression in when)
        {
            RemoveSpan(temporal, tokens, expression.Span);
            RemoveSpan(removed, tokens, expression.Span);
        }
        var length = DurationReader.Find(tokens, temporal);
        if (length is { } found)
        {
            Remove(removed, [(found.First, found.Last)]);
        }
        var start = when.FirstOrDefault(w => w.Kind is TemporalKind.DateTime or TemporalKind.Time) is { Time: { } time } moment
            ? moment.DateTime ?? NextAt(time, context)
            : (ZonedDateTime?)null;
        return new NewAppointmentRequest(ItemTitle.From(text, tokens, removed), start?.ToDateTimeOffset(), length?.Length);
    }

    /// <summary>
    /// A task's due time: a day and time as said; a time alone, its next occurrence; a part of day, its start; a day
    /// alone (or a range, its last day), due at the end of that day like a date-only <c>due_date</c>.
    /// </summary>
    private static (DateTimeOffset? Due, bool AllDay) Due(TemporalExpression? when, TemporalContext context)
    {
        if (when is null)
        {
            return (null, false);
        }
        if (when.DateTime is { } moment)
        {
            return (moment.ToDateTimeOffset(), false);
        }
        if (when.Time is { } time && when.Range is null)
        {
            return (NextAt(time, context).ToDateTimeOffset(), false);
        }
        if (when.PartOfDay is { } part && when.Range is null)
        {
            var start = DayParts.Window(part).Start;
            return (TemporalResolver.At(when.Date ?? context.Today, start, context.Zone).ToDateTimeOffset(), false);
        }
        var day = when.Range?.End ?? when.Date ?? context.Today;
        return (DueDate.EndOfDay(day, context.Zone), true);
    }

    /// <summary>A time of day with no day: today's if it is still ahead, else tomorrow's.</summary>
    private static ZonedDateTime NextAt(LocalTime time, TemporalContext context)
    {
        var today = TemporalResolver.At(context.Today, time, context.Zone);
        return today.ToInstant() > context.Now ? today : TemporalResolver.At(context.Today.PlusDays(1), time, context.Zone);
    }

    /// <summary>
    /// The words naming the task in "ya hice la tarea de llamar a Juan" or "mark 'send invoice' as done": the quoted
    /// words if any, else the sentence without the command, "tarea"/"task" and courtesy.
    /// </summary>
    private static string CompletionQuery(string text, IReadOnlyList<TextToken> tokens, IReadOnlyList<PhraseHit<PersonalCue>> cues)
    {
        if (Quoted(text) is { } quoted)
        {
            return quoted;
        }
        var removed = new bool[tokens.Count];
        Remove(removed, cues.Where(c => c.Value is PersonalCue.Done or PersonalCue.DoneState or PersonalCue.MarkVerb or PersonalCue.TaskWord
            or PersonalCue.Politeness).Select(c => (c.FirstToken, c.LastToken)));
        var words = tokens.Where((t, i) => !removed[i] && !t.IsSeparator).Select(t => t.Text).SkipWhile(PersonalPhrases.Connectors.Contains);
        return string.Join(" ", words);
    }

    /// <summary>Words between quotes that open after a space and close before one ("I've done John's task" quotes nothing).</summary>
    private static string? Quoted(string text)
    {
        foreach (var (open, close) in new[] { ('\'', '\''), ('"', '"'), ('«', '»'), ('“', '”'), ('‘', '’') })
        {
            for (var start = text.IndexOf(open, StringComparison.Ordinal); start >= 0; start = text.IndexOf(open, start + 1))
            {
                if (start > 0 && !char.IsWhiteSpace(text[start - 1]))
                {
                    continue;
                }
                var end = text.IndexOf(close, start + 1);
                if (end > start + 1 && (end + 1 == text.Length || !char.IsLetterOrDigit(text[end + 1])))
                {
                    return text[(start + 1)..end];
                }
            }
        }
        return null;
    }

    private static bool IsLeadingVerb(IReadOnlyList<TextToken> tokens, int index) =>
        index < LeadingWords && (index == 0 || !NotVerbBefore.Contains(tokens[index - 1].Text));

    private static void Remove(bool[] removed, IEnumerable<(int First, int Last)> spans)
    {
        foreach (var (first, last) in spans)
        {
            for (var i = first; i <= last && i < removed.Length; i++)
            {
                removed[i] = true;
            }
        }
    }

    private static void RemoveSpan(bool[] removed, IReadOnlyList<TextToken> tokens, TextSpan span)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Start >= span.Start && tokens[i].End <= span.End)
            {
                removed[i] = true;
            }
        }
    }
}
