using System.Text;
using Conversa.Core.Personal;
using Conversa.Infrastructure.Personal;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>The personal assistant's sentences in es, pt and en, with days and times in the tenant's zone.</summary>
public static class PersonalAnswers
{
    public static readonly Localized Capabilities = new(
        "Soy tu asistente personal. Puedo decirte qué tienes un día («¿qué tengo mañana?»), mostrarte tus tareas pendientes o atrasadas, " +
        "crear tareas («recuérdame llamar a Juan mañana a las 10»), agendar citas («agenda reunión con el proveedor el viernes a las 3pm por 1 hora») " +
        "y marcar tareas como hechas («ya hice la tarea de llamar a Juan»).",
        "Sou seu assistente pessoal. Posso dizer o que você tem em um dia («o que tenho amanhã?»), mostrar suas tarefas pendentes ou atrasadas, " +
        "criar tarefas («me lembre de ligar para o João amanhã às 10h»), agendar compromissos («agenda uma reunião com o fornecedor na sexta às 15h por 1 hora») " +
        "e marcar tarefas como feitas («já fiz a tarefa de ligar para o João»).",
        "I'm your personal assistant. I can tell you what you have on a day (\"what do I have tomorrow?\"), show your pending or overdue tasks, " +
        "create tasks (\"remind me to call John tomorrow at 10\"), schedule appointments (\"schedule a meeting with the supplier on Friday at 3pm for 1 hour\") " +
        "and mark tasks as done (\"I finished the task call John\").");

    public static readonly Localized NotUnderstood = new("No entendí bien qué necesitas. ", "Não entendi bem do que você precisa. ", "I didn't quite get that. ");

    public static readonly Localized StaffOnly = new(
        "El asistente personal es para los usuarios del equipo con sesión iniciada.",
        "O assistente pessoal é para os usuários da equipe com sessão iniciada.",
        "The personal assistant is for signed-in team members.");

    public static readonly Localized AskTaskTitle = new(
        "¿Qué tarea anoto? Dímelo en una frase, por ejemplo: «recuérdame llamar a Juan mañana a las 10».",
        "Qual tarefa eu anoto? Me diga em uma frase, por exemplo: «me lembre de ligar para o João amanhã às 10h».",
        "What should the task be? Tell me in one sentence, for example: \"remind me to call John tomorrow at 10\".");

    public static readonly Localized AskAppointmentTitle = new(
        "¿Qué agendo? Dímelo en una frase, por ejemplo: «agenda reunión con el proveedor el viernes a las 3pm».",
        "O que eu agendo? Me diga em uma frase, por exemplo: «agenda uma reunião com o fornecedor na sexta às 15h».",
        "What should I schedule? Tell me in one sentence, for example: \"schedule a meeting with the supplier on Friday at 3pm\".");

    public static string AskWhen(string title, string language) => new Localized(
        $"¿Para qué día y a qué hora agendo «{title}»? Dímelo todo junto, por ejemplo: «agenda {title} el viernes a las 3pm».",
        $"Para que dia e horário eu agendo «{title}»? Me diga tudo junto, por exemplo: «agenda {title} na sexta às 15h».",
        $"For which day and time should I schedule “{title}”? Tell me in one go, for example: \"schedule {title} on Friday at 3pm\".").In(language);

    public static string TaskCreated(PersonalTask task, DateTimeZone zone, LocalDate today, string language)
    {
        var text = new StringBuilder(new Localized($"Listo, anoté la tarea «{task.Title}»", $"Pronto, anotei a tarefa «{task.Title}»",
            $"Done, I added the task “{task.Title}”").In(language));
        if (task.DueAt is { } due)
        {
            text.Append(new Localized(" para ", " para ", ", due ").In(language)).Append(Due(due, task.DueAllDay, zone, today, language));
        }
        if (task.Priority != TaskPriority.Medium)
        {
            text.Append(" (").Append(Priority(task.Priority, language)).Append(')');
        }
        text.Append('.');
        if (task.ReminderMinutes is { } minutes && task.DueAt is not null)
        {
            text.Append(new Localized($" Te la recordaré {minutes} minutos antes.", $" Vou te lembrar {minutes} minutos antes.",
                $" I'll remind you {minutes} minutes before.").In(language));
        }
        return text.ToString();
    }

    public static string AppointmentCreated(AppointmentEntry entry, DateTimeZone zone, LocalDate today, string language)
    {
        var a = entry.Appointment;
        var start = PersonalDates.Local(a.StartAt, zone);
        var span = Span(a, zone);
        var day = PersonalDates.RelativeDay(start.Date, today, language);
        var text = new StringBuilder(new Localized($"Listo, agendé «{a.Title}» para {day}, {span}.", $"Pronto, agendei «{a.Title}» para {day}, {span}.",
            $"Done, I scheduled “{a.Title}” for {day}, {span}.").In(language));
        if (entry.Conflicts.Count > 0)
        {
            var others = string.Join(", ", entry.Conflicts.Select(c => $"«{c.Title}» ({Span(c, zone)})"));
            text.Append(new Localized($" Ojo: se cruza con {others}.", $" Atenção: conflita com {others}.",
                $" Heads-up: it overlaps with {others.Replace('«', '“').Replace('»', '”')}.").In(language));
        }
        return text.ToString();
    }

    public static string TaskCompleted(PersonalTask task, string language) => new Localized(
        $"¡Bien! Marqué como hecha la tarea «{task.Title}».", $"Boa! Marquei como feita a tarefa «{task.Title}».",
        $"Nice! I marked “{task.Title}” as done.").In(language);

    public static string WhichTask(IReadOnlyList<PersonalTask> choices, string language)
    {
        var text = new StringBuilder(new Localized("¿Cuál de estas tareas hiciste?", "Qual destas tarefas você fez?", "Which of these tasks did you finish?").In(language));
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(choices[i].Title);
        }
        text.Append('\n').Append(new Localized("Respóndeme con el número.", "Me responda com o número.", "Reply with the number.").In(language));
        return text.ToString();
    }

    public static string NoSuchTask(string query, IReadOnlyList<PersonalTask> open, string language)
    {
        var text = new StringBuilder(open.Count == 0
            ? new Localized("No tienes tareas pendientes.", "Você não tem tarefas pendentes.", "You have no pending tasks.").In(language)
            : new Localized($"No encontré una tarea pendiente que se parezca a «{query}». Tus pendientes son:",
                $"Não encontrei uma tarefa pendente parecida com «{query}». Suas pendências são:",
                $"I couldn't find a pending task like “{query}”. Your pending tasks are:").In(language));
        foreach (var task in open.Take(TaskTitleMatcher.MaxChoices))
        {
            text.Append("\n• ").Append(task.Title);
        }
        return text.ToString();
    }

    public static string TaskList(IReadOnlyList<PersonalTask> tasks, int total, bool overdueOnly, DateTimeZone zone, DateTime now, LocalDate today, string language)
    {
        if (total == 0)
        {
            return overdueOnly
                ? new Localized("No tienes tareas atrasadas.", "Você não tem tarefas atrasadas.", "You have no overdue tasks.").In(language)
                : new Localized("No tienes tareas pendientes.", "Você não tem tarefas pendentes.", "You have no pending tasks.").In(language);
        }
        var text = new StringBuilder(overdueOnly
            ? new Localized($"Tienes {total} tarea(s) atrasada(s):", $"Você tem {total} tarefa(s) atrasada(s):", $"You have {total} overdue task(s):").In(language)
            : new Localized($"Tienes {total} tarea(s) pendiente(s):", $"Você tem {total} tarefa(s) pendente(s):", $"You have {total} pending task(s):").In(language));
        foreach (var task in tasks)
        {
            var details = new List<string> { Priority(task.Priority, language) };
            if (task.DueAt is { } due)
            {
                details.Add(new Localized("vence ", "vence ", "due ").In(language) + Due(due, task.DueAllDay, zone, today, language));
            }
            text.Append("\n• ").Append(task.Title).Append(" (").Append(string.Join(", ", details)).Append(')');
            if (task.IsOverdue(now))
            {
                text.Append(new Localized(" ⚠ atrasada", " ⚠ atrasada", " ⚠ overdue").In(language));
            }
        }
        if (total > tasks.Count)
        {
            text.Append('\n').Append(new Localized($"…y {total - tasks.Count} más.", $"…e mais {total - tasks.Count}.", $"…and {total - tasks.Count} more.").In(language));
        }
        return text.ToString();
    }

    /// <summary>The appointments and tasks of one day or of several (then every line says its day).</summary>
    public static string Agenda(
        LocalDate from, LocalDate to, IReadOnlyList<AppointmentEntry> appointments, IReadOnlyList<PersonalTask> tasks,
        DateTimeZone zone, LocalDate today, string language)
    {
        var oneDay = from == to;
        var when = oneDay
            ? PersonalDates.RelativeDay(from, today, language)
            : new Localized($"del {PersonalDates.Day(from, language)} al {PersonalDates.Day(to, language)}",
                $"de {PersonalDates.Day(from, language)} a {PersonalDates.Day(to, language)}",
                $"from {PersonalDates.Day(from, language)} to {PersonalDates.Day(to, language)}").In(language);
        if (appointments.Count == 0 && tasks.Count == 0)
        {
            return new Localized($"No tienes nada agendado para {when}.", $"Você não tem nada agendado para {when}.",
                $"You have nothing scheduled for {when}.").In(language);
        }
        var text = new StringBuilder();
        if (appointments.Count > 0)
        {
            text.Append(new Localized($"Para {when} tienes:", $"Para {when} você tem:", $"For {when} you have:").In(language));
            foreach (var entry in appointments)
            {
                var start = PersonalDates.Local(entry.Appointment.StartAt, zone);
                text.Append("\n• ");
                if (!oneDay || start.Date != from)
                {
                    text.Append(PersonalDates.Day(start.Date, language)).Append(", ");
                }
                text.Append(Span(entry.Appointment, zone)).Append(' ').Append(entry.Appointment.Title);
                if (entry.Conflicts.Count > 0)
                {
                    var others = string.Join(", ", entry.Conflicts.Select(c => c.Title));
                    text.Append(new Localized($" (se cruza con {others})", $" (conflita com {others})", $" (overlaps with {others})").In(language));
                }
            }
        }
        else
        {
            text.Append(new Localized($"No tienes citas para {when}.", $"Você não tem compromissos para {when}.", $"You have no appointments for {when}.").In(language));
        }
        if (tasks.Count > 0)
        {
            text.Append("\n\n").Append(oneDay
                ? new Localized("Tareas para ese día:", "Tarefas para esse dia:", "Tasks due that day:").In(language)
                : new Localized("Tareas que vencen:", "Tarefas que vencem:", "Tasks due:").In(language));
            foreach (var task in tasks)
            {
                text.Append("\n• ").Append(task.Title);
                var due = PersonalDates.Local(task.DueAt!.Value, zone);
                var details = new List<string>();
                if (!oneDay)
                {
                    details.Add(PersonalDates.Day(due.Date, language));
                }
                if (!task.DueAllDay)
                {
                    details.Add(PersonalDates.Time(due.TimeOfDay));
                }
                if (task.Priority != TaskPriority.Medium)
                {
                    details.Add(Priority(task.Priority, language));
                }
                if (details.Count > 0)
                {
                    text.Append(" (").Append(string.Join(", ", details)).Append(')');
                }
            }
        }
        return text.ToString();
    }

    public static string Priority(TaskPriority priority, string language) => priority switch
    {
        TaskPriority.High => new Localized("prioridad alta", "prioridade alta", "high priority").In(language),
        TaskPriority.Low => new Localized("prioridad baja", "prioridade baixa", "low priority").In(language),
        _ => new Localized("prioridad media", "prioridade média", "medium priority").In(language),
    };

    /// <summary>"mañana, jueves 3 de diciembre a las 10:00"; a date-only due date without the time.</summary>
    private static string Due(DateTime due, bool allDay, DateTimeZone zone, LocalDate today, string language)
    {
        var local = PersonalDates.Local(due, zone);
        var day = PersonalDates.RelativeDay(local.Date, today, language);
        return allDay ? day : day + new Localized(" a las ", " às ", " at ").In(language) + PersonalDates.Time(local.TimeOfDay);
    }

    /// <summary>"15:00–16:00" (a point in time: just "15:00").</summary>
    private static string Span(PersonalAppointment appointment, DateTimeZone zone)
    {
        var start = PersonalDates.Local(appointment.StartAt, zone);
        var end = PersonalDates.Local(appointment.EndAt, zone);
        return end == start ? PersonalDates.Time(start.TimeOfDay) : $"{PersonalDates.Time(start.TimeOfDay)}–{PersonalDates.Time(end.TimeOfDay)}";
    }
}
