using Conversa.Core.Language;
using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>What a phrase of a personal-assistant message says about the request.</summary>
public enum PersonalCue
{
    /// <summary>"ya hice", "terminei", "I finished": a task is done.</summary>
    Done,
    /// <summary>"como hecha", "como feita", "as done": the end of "mark X as done".</summary>
    DoneState,
    /// <summary>"marca", "mark": the verb of "mark X as done", dropped from the task's name.</summary>
    MarkVerb,
    /// <summary>"recuérdame", "crea una tarea", "add a task".</summary>
    NewTask,
    /// <summary>"nueva reunión", "agenda una", "schedule a meeting".</summary>
    NewAppointment,
    /// <summary>"agenda", "marca", "schedule" as the first verb: a new appointment unless the rest names none.</summary>
    NewAppointmentVerb,
    /// <summary>"tareas pendientes", "my tasks".</summary>
    Tasks,
    /// <summary>"atrasadas", "vencidas", "overdue".</summary>
    Overdue,
    /// <summary>"¿qué tengo?", "minha agenda", "what do I have".</summary>
    Agenda,
    /// <summary>"ayuda", "what can you do".</summary>
    Help,
    /// <summary>"tarea", "task": a word naming the kind of item, never part of a task's name in a "done" sentence.</summary>
    TaskWord,
    /// <summary>"por favor", "please".</summary>
    Politeness,
}

/// <summary>
/// The phrases the personal assistant reads, in Spanish, Portuguese and English together (a staff user may mix
/// them), folded like messages. The intent classifier only hints whether a message is about the agenda or tasks;
/// these decide what exactly is asked.
/// </summary>
public static class PersonalPhrases
{
    public static PhraseMatcher<PersonalCue> Cues { get; } = new(Table(
        (PersonalCue.Done,
            "ya hice|ya la hice|ya lo hice|ya termine|ya complete|ya acabe|ya esta hecha|ya esta hecho|ya quedo|termine la tarea|complete la tarea|" +
            "acabe la tarea|hice la tarea|tarea hecha|tarea completada|tarea terminada|da por hecha|dar por hecha|" +
            "ja fiz|ja terminei|ja conclui|ja completei|terminei|conclui|completei|tarefa feita|tarefa concluida|ja esta feita|" +
            "i did|i have done|ive done|i finished|ive finished|i have finished|i completed|ive completed|i have completed|done with|finished with|" +
            "check off|cross off|tick off"),
        (PersonalCue.DoneState,
            "como hecha|como hecho|como completada|como completado|como terminada|como terminado|como realizada|como lista|" +
            "como feita|como feito|como concluida|como concluido|como completa|as done|as complete|as completed|as finished"),
        (PersonalCue.MarkVerb, "marca|marcar|marcame|marque|mark|set|pon|pone|poner|coloca|deja|put"),
        (PersonalCue.NewTask,
            "recuerdame|recordarme|me recuerdas|me puedes recordar|crea una tarea|crear una tarea|crear tarea|crea tarea|nueva tarea|tarea nueva|" +
            "agrega una tarea|agregar una tarea|agrega tarea|anade una tarea|anota una tarea|pon una tarea|anota|apunta|" +
            "me lembre|me lembra|lembre me|lembra me|lembrar me|me lembrar|cria uma tarefa|criar uma tarefa|criar tarefa|cria tarefa|nova tarefa|" +
            "tarefa nova|adiciona uma tarefa|adicionar uma tarefa|adicione uma tarefa|anote|" +
            "remind me|add a task|add task|new task|create a task|create task|add a todo|add a to do|add to my tasks|add to my list|note down"),
        (PersonalCue.NewAppointment,
            "nueva cita|nueva reunion|nuevo evento|crea una cita|crear una cita|crea una reunion|crear una reunion|crea un evento|" +
            "agrega una cita|agrega una reunion|anade una cita|pon una reunion|pon una cita|programa una reunion|programa una cita|" +
            "agenda una|agenda un|=agendame|=agendar una|=agendar un|=agendes|" +
            "novo compromisso|nova reuniao|marca uma reuniao|marque uma reuniao|marcar uma reuniao|marca um compromisso|marcar reuniao|" +
            "agenda uma|agenda um|agende uma|agende um|agendar uma|agendar um|cria um compromisso|cria uma reuniao|criar uma reuniao|" +
            "new appointment|new meeting|new event|add an appointment|add a meeting|add an event|set up a meeting|book a meeting|" +
            "schedule a|schedule an|put a meeting|create an appointment|create a meeting|create an event"),
        (PersonalCue.NewAppointmentVerb, "agenda|agendar|agende|programa|programar|marca|marcar|marque|schedule|book"),
        (PersonalCue.Tasks,
            "tareas|tarea|mis pendientes|pendientes|pendiente|que tengo pendiente|lista de tareas|por hacer|" +
            "tarefas|tarefa|pendencias|pendentes|pendente|a fazer|" +
            "tasks|task|to do list|todo list|to dos|pending|my list"),
        (PersonalCue.Overdue, "atrasad*|vencid*|retrasad*|overdue|late|past due"),
        (PersonalCue.Agenda,
            "que tengo|tengo algo|mi agenda|mis citas|mis reuniones|mi calendario|agenda de|agenda para|estoy libre|que hay|" +
            "o que tenho|que tenho|tenho algo|minha agenda|meus compromissos|minhas reunioes|meu calendario|estou livre|" +
            "what do i have|whats on|what is on|my agenda|my schedule|my calendar|my appointments|my meetings|am i free|anything on|" +
            "do i have|what have i got"),
        (PersonalCue.Help,
            "ayuda|que puedes hacer|que sabes hacer|como funciona|como te uso|ajuda|o que voce faz|o que pode fazer|o que voce pode fazer|" +
            "help|what can you do|how does this work"),
        (PersonalCue.TaskWord, "tarea|tareas|tarefa|tarefas|task|tasks|pendiente"),
        (PersonalCue.Politeness, "por favor|porfa|porfavor|please|pls")));

    public static PhraseMatcher<TaskPriority> Priorities { get; } = new(
        Table(
            (TaskPriority.High,
                "urgente|urgentes|alta prioridad|prioridad alta|con prioridad alta|importante|muy importante|prioridade alta|alta prioridade|" +
                "urgent|high priority|priority high|important|asap|top priority"),
            (TaskPriority.Medium, "prioridad media|prioridad normal|prioridade media|prioridade normal|medium priority|normal priority"),
            (TaskPriority.Low, "baja prioridad|prioridad baja|sin prisa|prioridade baixa|baixa prioridade|sem pressa|low priority|no rush")));

    /// <summary>
    /// Words left dangling at the edge of a task's or appointment's name once a date, a priority or a command is cut
    /// out of the sentence: "send the invoice <i>by</i> [Friday]", "<i>to</i> call Juan", "reunión <i>para el</i> [lunes]".
    /// </summary>
    public static IReadOnlySet<string> Connectors { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "a", "al", "de", "del", "para", "por", "en", "antes", "hasta", "con", "y", "o", "que", "es", "este", "esta",
        "un", "una", "me",
        "ao", "as", "ate", "no", "na", "com", "e", "em", "do", "da", "um", "uma",
        "the", "by", "on", "at", "before", "until", "for", "with", "and", "due", "in", "is", "it", "its", "that", "this", "to", "an", "about",
        "of", "sobre",
    };

    /// <summary>What an appointment is called: kept in its name when the command says it ("nueva reunión con Ana" → "Reunión con Ana").</summary>
    public static IReadOnlySet<string> AppointmentNouns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "reunion", "reuniones", "cita", "citas", "evento", "llamada", "reuniao", "compromisso", "meeting", "appointment", "event", "call",
    };

    private static IEnumerable<(string, T)> Table<T>(params (T Value, string Phrases)[] rows) =>
        rows.SelectMany(r => r.Phrases.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => (p, r.Value)));
}
