using System.Diagnostics;
using System.Text.Json.Nodes;
using Conversa.Core.Language;
using Conversa.Core.Personal;
using Conversa.Infrastructure.Engine.Personal;
using Conversa.Infrastructure.Personal;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// A staff user's own assistant (owner side): what they have on a day, their pending and overdue tasks, new tasks
/// and appointments from one sentence, and tasks marked done — always on the user's own items, through
/// <see cref="PersonalAgenda"/>, which reads and writes that user's rows only. <see cref="PersonalRequestReader"/>
/// decides what a message asks; when "ya hice…" fits several tasks the agent lists them and waits for the number.
/// </summary>
public sealed class PersonalAgent(PersonalAgenda agenda) : IAgent
{
    /// <summary>The slot holding the ids of the tasks a "which one?" question listed.</summary>
    public const string ChoicesSlot = "personal_task_choices";

    /// <summary>The most tasks one list reply shows.</summary>
    public const int MaxListed = 10;

    /// <summary>The most open tasks read to find the one a "done" sentence names.</summary>
    private const int MaxOpenTasks = 200;

    /// <summary>How many minutes before a task's time its reminder comes, when the sentence gave a time.</summary>
    public const int TaskReminderMinutes = 15;

    /// <summary>A reply choosing from a listed few is this short ("la 2", "the first one").</summary>
    private const int ChoiceWords = 4;

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["primera"] = 1, ["primero"] = 1, ["primeira"] = 1, ["primeiro"] = 1, ["first"] = 1,
        ["segunda"] = 2, ["segundo"] = 2, ["second"] = 2,
        ["tercera"] = 3, ["tercero"] = 3, ["terceira"] = 3, ["terceiro"] = 3, ["third"] = 3,
        ["cuarta"] = 4, ["cuarto"] = 4, ["quarta"] = 4, ["quarto"] = 4, ["fourth"] = 4,
        ["quinta"] = 5, ["quinto"] = 5, ["fifth"] = 5,
    };

    public string Name => AgentNames.Personal;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.PersonalAgenda, Core.Language.Intents.Task];

    public async Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        if (turn.UserId is not { } userId)
        {
            // ChatKeys opens personal conversations for signed-in users only; a customer never reaches this agent.
            return new AgentReply(turn.Say(PersonalAnswers.StaffOnly));
        }
        var choices = TakeChoices(turn);
        var request = PersonalRequestReader.Read(turn.Text, turn.Tokens, turn.Temporal, turn.Prediction.Intent);
        if (choices.Count > 0 && await ChosenAsync(turn, userId, choices, request, cancellationToken) is { } chosen)
        {
            return await CompleteAsync(turn, userId, chosen, cancellationToken);
        }
        return request switch
        {
            AgendaRequest days => await AgendaAsync(turn, userId, days, cancellationToken),
            TaskListRequest list => await TaskListAsync(turn, userId, list.OverdueOnly, cancellationToken),
            NewTaskRequest task => await NewTaskAsync(turn, userId, task, cancellationToken),
            NewAppointmentRequest appointment => await NewAppointmentAsync(turn, userId, appointment, cancellationToken),
            CompleteTaskRequest done => await CompleteAsync(turn, userId, done.Query, cancellationToken),
            HelpRequest help => Help(turn, help),
            _ => throw new UnreachableException($"Unknown personal request {request.GetType().Name}."),
        };
    }

    private async Task<AgentReply> AgendaAsync(AgentTurn turn, Guid userId, AgendaRequest days, CancellationToken cancellationToken)
    {
        IReadOnlyList<AppointmentEntry> appointments;
        IReadOnlyList<PersonalTask> tasks;
        if (days.From == days.To)
        {
            var day = await agenda.DayAsync(userId, days.From, cancellationToken);
            (appointments, tasks) = (day.Appointments, day.Tasks);
        }
        else
        {
            var from = turn.Zone.AtStartOfDay(days.From).ToDateTimeOffset();
            var to = turn.Zone.AtStartOfDay(days.To.PlusDays(1)).ToDateTimeOffset();
            appointments = (await agenda.ListAppointmentsAsync(userId, new AppointmentFilter(from, to), 0, 500, cancellationToken)).Items;
            tasks = (await agenda.ListTasksAsync(userId, new TaskFilter(DueFrom: from, DueTo: to), 0, 500, cancellationToken)).Items
                .Where(t => t.Status != PersonalTaskStatus.Completed).OrderBy(t => t.DueAt).ToList();
        }
        var today = turn.Temporal.Today;
        return new AgentReply(PersonalAnswers.Agenda(days.From, days.To, appointments, tasks, turn.Zone, today, turn.Language))
        {
            Intent = Core.Language.Intents.PersonalAgenda,
        };
    }

    private async Task<AgentReply> TaskListAsync(AgentTurn turn, Guid userId, bool overdueOnly, CancellationToken cancellationToken)
    {
        var (tasks, total) = overdueOnly
            ? await OverdueAsync(userId, cancellationToken)
            : await OpenTasksAsync(userId, cancellationToken);
        var text = PersonalAnswers.TaskList(tasks.Take(MaxListed).ToList(), total, overdueOnly, turn.Zone, agenda.UtcNow, turn.Temporal.Today, turn.Language);
        return new AgentReply(text) { Intent = Core.Language.Intents.Task };
    }

    private async Task<AgentReply> NewTaskAsync(AgentTurn turn, Guid userId, NewTaskRequest request, CancellationToken cancellationToken)
    {
        if (request.Title is not { } title)
        {
            return new AgentReply(turn.Say(PersonalAnswers.AskTaskTitle)) { Intent = Core.Language.Intents.Task };
        }
        var reminder = request.Due is not null && !request.DueAllDay ? TaskReminderMinutes : (int?)null;
        var draft = new TaskDraft(title, Due: request.Due, DueAllDay: request.DueAllDay, Priority: request.Priority, ReminderMinutes: reminder);
        var created = await agenda.CreateTaskAsync(userId, draft, cancellationToken);
        if (created.Value is not { } task)
        {
            return Refused(turn, created.Outcome, created.Errors, Core.Language.Intents.Task);
        }
        return new AgentReply(PersonalAnswers.TaskCreated(task, turn.Zone, turn.Temporal.Today, turn.Language))
        {
            Intent = Core.Language.Intents.Task,
            Actions = [PersonalActions.TaskCreated(task, turn.Zone)],
        };
    }

    private async Task<AgentReply> NewAppointmentAsync(AgentTurn turn, Guid userId, NewAppointmentRequest request, CancellationToken cancellationToken)
    {
        if (request.Title is not { } title)
        {
            return new AgentReply(turn.Say(PersonalAnswers.AskAppointmentTitle)) { Intent = Core.Language.Intents.PersonalAgenda };
        }
        if (request.Start is not { } start)
        {
            return new AgentReply(PersonalAnswers.AskWhen(title, turn.Language)) { Intent = Core.Language.Intents.PersonalAgenda };
        }
        var end = start + (request.Length ?? Duration.FromTimeSpan(AppointmentDraft.DefaultDuration)).ToTimeSpan();
        var created = await agenda.CreateAppointmentAsync(userId, new AppointmentDraft(title, null, start, end), cancellationToken);
        if (created.Value is not { } entry)
        {
            return Refused(turn, created.Outcome, created.Errors, Core.Language.Intents.PersonalAgenda);
        }
        return new AgentReply(PersonalAnswers.AppointmentCreated(entry, turn.Zone, turn.Temporal.Today, turn.Language))
        {
            Intent = Core.Language.Intents.PersonalAgenda,
            Actions = [PersonalActions.AppointmentCreated(entry, turn.Zone)],
        };
    }

    private async Task<AgentReply> CompleteAsync(AgentTurn turn, Guid userId, string query, CancellationToken cancellationToken)
    {
        var (open, _) = await OpenTasksAsync(userId, cancellationToken);
        var matches = TaskTitleMatcher.Match(query, open);
        if (matches.Count == 1)
        {
            return await CompleteAsync(turn, userId, matches[0], cancellationToken);
        }
        if (matches.Count == 0)
        {
            return new AgentReply(PersonalAnswers.NoSuchTask(query.Trim(), open, turn.Language)) { Intent = Core.Language.Intents.Task };
        }
        turn.Context.PendingDialog = AgentNames.Personal;
        turn.Context.Slots[ChoicesSlot] = new JsonArray(matches.Select(t => (JsonNode)JsonValue.Create(t.Id.ToString())).ToArray());
        return new AgentReply(PersonalAnswers.WhichTask(matches, turn.Language))
        {
            Intent = Core.Language.Intents.Task,
            QuickReplies = Enumerable.Range(1, matches.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
    }

    private async Task<AgentReply> CompleteAsync(AgentTurn turn, Guid userId, PersonalTask task, CancellationToken cancellationToken)
    {
        var done = await agenda.SetTaskStatusAsync(userId, task.Id, PersonalTaskStatus.Completed, cancellationToken);
        if (done.Value is not { } completed)
        {
            return Refused(turn, done.Outcome, done.Errors, Core.Language.Intents.Task);
        }
        return new AgentReply(PersonalAnswers.TaskCompleted(completed, turn.Language))
        {
            Intent = Core.Language.Intents.Task,
            Actions = [PersonalActions.TaskCompleted(completed)],
        };
    }

    /// <summary>Courtesies answered briefly; "¿qué puedes hacer?" and what was not understood get the list of what the agent does.</summary>
    private static AgentReply Help(AgentTurn turn, HelpRequest help)
    {
        var intent = turn.Prediction.Intent;
        var capabilities = turn.Say(PersonalAnswers.Capabilities);
        return (help.Understood, intent) switch
        {
            (true, Core.Language.Intents.Thanks) => new AgentReply(turn.Say(new Localized("¡Con gusto!", "Por nada!", "You're welcome!"))) { Intent = intent },
            (true, Core.Language.Intents.Goodbye) => new AgentReply(turn.Say(new Localized("¡Hasta luego!", "Até logo!", "See you!"))) { Intent = intent },
            (true, _) => new AgentReply(capabilities) { Intent = intent },
            _ => new AgentReply(turn.Say(PersonalAnswers.NotUnderstood) + capabilities) { NoMatch = true },
        };
    }

    /// <summary>A change the agenda refused: the task vanished meanwhile, the user is gone, or a field broke a rule.</summary>
    private static AgentReply Refused(AgentTurn turn, AgendaOutcome outcome, IReadOnlyList<Core.Catalog.FieldError> errors, string intent)
    {
        var text = outcome switch
        {
            AgendaOutcome.Invalid => turn.Say(new Localized("No pude guardarlo: ", "Não consegui salvar: ", "I couldn't save it: ")) +
                string.Join(" ", errors.Select(e => e.Message)),
            _ => turn.Say(new Localized(
                "No pude hacerlo: ese elemento ya no está en tu agenda.",
                "Não consegui: esse item não está mais na sua agenda.",
                "I couldn't do that: the item is no longer in your agenda.")),
        };
        return new AgentReply(text) { Intent = intent };
    }

    /// <summary>The tasks a "which one?" question listed, taken out of the context (the question is answered or dropped now).</summary>
    private static List<Guid> TakeChoices(AgentTurn turn)
    {
        var context = turn.Context;
        if (context.PendingDialog == AgentNames.Personal)
        {
            context.PendingDialog = null;
        }
        if (!context.Slots.TryGetPropertyValue(ChoicesSlot, out var node))
        {
            return [];
        }
        context.Slots.Remove(ChoicesSlot);
        if (!turn.Continuation || node is not JsonArray ids)
        {
            return [];
        }
        return ids.Select(id => Guid.TryParse(id?.GetValue<string>(), out var guid) ? guid : Guid.Empty).Where(g => g != Guid.Empty).ToList();
    }

    /// <summary>
    /// Which listed task the answer picks: "2", "la segunda", "the first one", or words naming just one of them
    /// ("el de Juan"). Null when the answer is something else, which is then read as a message of its own.
    /// </summary>
    private async Task<PersonalTask?> ChosenAsync(
        AgentTurn turn, Guid userId, List<Guid> choices, PersonalRequest request, CancellationToken cancellationToken)
    {
        var words = turn.Tokens.Where(t => t.IsWord || t.IsNumber).ToList();
        int? position = null;
        if (words.Count <= ChoiceWords)
        {
            position = words.Select(w => w.IsNumber ? w.Number : Ordinals.GetValueOrDefault(w.Text, -1)).FirstOrDefault(n => n > 0);
            if (position == 0)
            {
                position = words.Any(w => w.Text is "ultima" or "ultimo" or "last") ? choices.Count : null;
            }
        }
        var listed = new List<PersonalTask>();
        foreach (var id in choices)
        {
            if (await agenda.FindTaskAsync(userId, id, cancellationToken) is { Status: not PersonalTaskStatus.Completed } task)
            {
                listed.Add(task);
            }
        }
        if (position is { } n)
        {
            return n <= choices.Count ? listed.FirstOrDefault(t => t.Id == choices[n - 1]) : null;
        }
        if (request is not (CompleteTaskRequest or HelpRequest { Understood: false }))
        {
            return null;
        }
        var query = request is CompleteTaskRequest done ? done.Query : turn.Text;
        return TaskTitleMatcher.Match(query, listed) is [var only] ? only : null;
    }

    /// <summary>The user's open tasks (pending and in progress) in list order: high priority first, then by due time.</summary>
    private async Task<(IReadOnlyList<PersonalTask> Tasks, int Total)> OpenTasksAsync(Guid userId, CancellationToken cancellationToken)
    {
        var pending = await agenda.ListTasksAsync(userId, new TaskFilter(Status: PersonalTaskStatus.Pending), 0, MaxOpenTasks, cancellationToken);
        var started = await agenda.ListTasksAsync(userId, new TaskFilter(Status: PersonalTaskStatus.InProgress), 0, MaxOpenTasks, cancellationToken);
        var tasks = pending.Items.Concat(started.Items)
            .OrderByDescending(t => t.Priority)
            .ThenBy(t => t.DueAt is null)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .ToList();
        return (tasks, pending.Total + started.Total);
    }

    private async Task<(IReadOnlyList<PersonalTask> Tasks, int Total)> OverdueAsync(Guid userId, CancellationToken cancellationToken)
    {
        var page = await agenda.ListTasksAsync(userId, new TaskFilter(Overdue: true), 0, MaxListed, cancellationToken);
        return (page.Items, page.Total);
    }
}
