using Conversa.Core.Language;
using Conversa.Core.Personal;
using Conversa.Infrastructure.Engine.Personal;
using NodaTime;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// What <see cref="PersonalRequestReader"/> makes of sentences in es, pt and en, on Wednesday 2 December 2026 at 10:00
/// in Bogotá: the kind of request, the name cut out of the sentence, due times, lengths and the words naming a task.
/// </summary>
public sealed class PersonalRequestReaderTests
{
    private static readonly DateTimeZone Bogota = DateTimeZoneProviders.Tzdb["America/Bogota"];
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 2, 15, 0);

    private static PersonalRequest Read(string text, string? hint = null)
    {
        var language = LanguageDetector.Detect(text, "es").Language;
        var tokens = TextTokenizer.Tokenize(text);
        return PersonalRequestReader.Read(text, tokens, new TemporalContext(Now, Bogota, language), hint ?? IntentClassifier.Default.Classify(text, tokens).Intent);
    }

    [Theory]
    [InlineData("¿qué tengo mañana?", "2026-12-03", "2026-12-03")]
    [InlineData("what do I have on Friday?", "2026-12-04", "2026-12-04")]
    [InlineData("o que tenho hoje?", "2026-12-02", "2026-12-02")]
    [InlineData("agenda de mañana", "2026-12-03", "2026-12-03")]
    [InlineData("¿qué hay en mi agenda hoy?", "2026-12-02", "2026-12-02")]
    [InlineData("¿y el viernes?", "2026-12-04", "2026-12-04")]
    [InlineData("¿qué tareas tengo mañana?", "2026-12-03", "2026-12-03")]
    [InlineData("what's on my calendar next week?", "2026-12-07", "2026-12-13")]
    [InlineData("mi agenda", "2026-12-02", "2026-12-02")]
    public void Questions_about_days_read_as_the_agenda_of_those_days(string text, string from, string to)
    {
        var request = Read(text).Should().BeOfType<AgendaRequest>().Subject;
        request.From.ToString("uuuu-MM-dd", null).Should().Be(from);
        request.To.ToString("uuuu-MM-dd", null).Should().Be(to);
    }

    [Theory]
    [InlineData("tareas pendientes", false)]
    [InlineData("minhas tarefas", false)]
    [InlineData("what tasks are pending?", false)]
    [InlineData("my overdue tasks", true)]
    [InlineData("tarefas atrasadas", true)]
    [InlineData("¿qué tengo vencido?", true)]
    public void Task_questions_read_as_the_task_list(string text, bool overdue) =>
        Read(text).Should().Be(new TaskListRequest(overdue));

    [Theory]
    [InlineData("recuérdame llamar a Juan mañana a las 10", "Llamar a Juan", "2026-12-03T10:00:00-05:00", false, null)]
    [InlineData("add a task: send the invoice by Friday, high priority", "Send the invoice", "2026-12-04T23:59:59-05:00", true, TaskPriority.High)]
    [InlineData("me lembre de pagar a conta amanhã às 15h", "Pagar a conta", "2026-12-03T15:00:00-05:00", false, null)]
    [InlineData("crea una tarea para revisar el inventario, urgente", "Revisar el inventario", null, false, TaskPriority.High)]
    [InlineData("remind me to water the plants at 9", "Water the plants", "2026-12-03T09:00:00-05:00", false, null)]
    [InlineData("nueva tarea: ordenar el archivo, prioridad baja", "Ordenar el archivo", null, false, TaskPriority.Low)]
    [InlineData("por favor anota comprar insumos la próxima semana", "Comprar insumos", "2026-12-13T23:59:59-05:00", true, null)]
    public void A_new_task_keeps_its_name_and_reads_its_due_time_and_priority(string text, string title, string? due, bool allDay, TaskPriority? priority)
    {
        var request = Read(text).Should().BeOfType<NewTaskRequest>().Subject;
        request.Title.Should().Be(title);
        request.Due.Should().Be(due is null ? null : DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), "the same instant");
        request.DueAllDay.Should().Be(allDay);
        request.Priority.Should().Be(priority);
    }

    [Theory]
    [InlineData("agenda reunión con el proveedor el viernes a las 3pm por 1 hora", "Reunión con el proveedor", "2026-12-04T15:00", 60)]
    [InlineData("schedule a meeting with Ana tomorrow at 9am for 2 hours", "Meeting with Ana", "2026-12-03T09:00", 120)]
    [InlineData("marca uma reunião com o cliente na sexta às 14h por 30 minutos", "Reunião com o cliente", "2026-12-04T14:00", 30)]
    [InlineData("agenda cita con el dentista el 5 de diciembre a las 11 durante media hora", "Cita con el dentista", "2026-12-05T11:00", 30)]
    [InlineData("nueva reunión con el contador mañana a las 4 por una hora y media", "Reunión con el contador", "2026-12-03T16:00", 90)]
    [InlineData("por favor agenda una llamada con Ana el lunes a las 9", "Llamada con Ana", "2026-12-07T09:00", null)]
    [InlineData("can you schedule an appointment with the bank at 4pm for half an hour", "Appointment with the bank", "2026-12-02T16:00", 30)]
    public void A_new_appointment_keeps_its_name_and_reads_its_start_and_length(string text, string title, string start, int? minutes)
    {
        var request = Read(text).Should().BeOfType<NewAppointmentRequest>().Subject;
        request.Title.Should().Be(title);
        request.Start!.Value.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture).Should().Be(start);
        request.Start.Value.Offset.Should().Be(TimeSpan.FromHours(-5));
        request.Length?.TotalMinutes.Should().Be(minutes ?? 0);
        if (minutes is null)
        {
            request.Length.Should().BeNull();
        }
    }

    [Fact]
    public void An_appointment_without_a_time_or_a_name_has_none()
    {
        Read("agenda reunión con Pedro").Should().Be(new NewAppointmentRequest("Reunión con Pedro", null, null));
        Read("agenda reunión con Pedro el viernes").Should().Be(new NewAppointmentRequest("Reunión con Pedro", null, null));
        Read("recuérdame mañana").Should().BeOfType<NewTaskRequest>().Which.Title.Should().BeNull();
    }

    [Theory]
    [InlineData("ya hice la tarea de llamar a Juan", "llamar a juan")]
    [InlineData("mark 'send invoice' as done", "send invoice")]
    [InlineData("marca «Enviar la factura» como hecha", "Enviar la factura")]
    [InlineData("já fiz a tarefa de pagar a conta", "pagar a conta")]
    [InlineData("I finished the task call John", "call john")]
    [InlineData("I've done John's task", "johns")]
    public void A_done_task_is_named_by_the_words_left_or_quoted(string text, string query) =>
        Read(text).Should().Be(new CompleteTaskRequest(query));

    [Theory]
    [InlineData("hola", true)]
    [InlineData("¿qué puedes hacer?", true)]
    [InlineData("what can you do?", true)]
    [InlineData("xqzv blorft", false)]
    public void Anything_else_is_help_understood_or_not(string text, bool understood) =>
        Read(text).Should().Be(new HelpRequest(understood));

    [Fact]
    public void Close_task_names_are_all_offered_and_a_clear_one_wins()
    {
        PersonalTask Task(string title) => new() { Title = title };
        var tasks = new[] { Task("Llamar a Juan"), Task("Llamar al banco"), Task("Send the invoice") };
        TaskTitleMatcher.Match("llamar a juan", tasks).Select(t => t.Title).Should().Equal("Llamar a Juan");
        TaskTitleMatcher.Match("llamar", tasks).Select(t => t.Title).Should().Equal("Llamar a Juan", "Llamar al banco");
        TaskTitleMatcher.Match("send invoice", tasks).Select(t => t.Title).Should().Equal("Send the invoice");
        TaskTitleMatcher.Match("regar las plantas", tasks).Should().BeEmpty();
    }
}
