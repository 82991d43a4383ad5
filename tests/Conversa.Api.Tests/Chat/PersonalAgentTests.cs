using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Personal;
using Conversa.Api.Tests.Support;
using Conversa.Core.Language;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Engine.Personal;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The personal assistant through <c>POST /api/chat</c> with <c>assistant: "personal"</c>, signed in as a tenant's
/// users, on a clock set by hand: Wednesday 5 March 2031, 10:00 in Bogotá (so "mañana" is Thursday the 6th and
/// "el viernes" Friday the 7th). It reads and changes its user's own agenda only, in es, pt and en.
/// </summary>
public abstract class PersonalAgentTests(ConversaFactory app) : IDisposable
{
    private readonly TestClock _clock = new(new DateTimeOffset(2031, 3, 5, 15, 0, 0, TimeSpan.Zero));
    private WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .UseSetting("Conversa:Reminders:Enabled", "false")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Task<JsonNode> AskAsync(HttpClient user, string message) =>
        user.PostJsonAsync("/api/chat", new { message, assistant = "personal" }, 200);

    private static JsonObject Action(JsonNode reply, string type) =>
        reply["actions"]!.AsArray().Single(a => a!.Str("type") == type)!.AsObject();

    [Fact]
    public async Task The_day_s_agenda_lists_exactly_the_user_s_own_appointments_and_open_tasks_in_local_time()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        var (stranger, _) = await (await app.CreateTenantAsync()).MemberAsync(host: Host);
        await me.CreateAppointmentAsync(new { title = "Dentista", start_datetime = "2031-03-06T09:00", end_datetime = "2031-03-06T09:45" });
        await me.CreateAppointmentAsync(new { title = "Comité", start_datetime = "2031-03-07T10:00" });
        await me.CreateTaskAsync(new { title = "Enviar factura", due_date = "2031-03-06", priority = "high" });
        await me.CreateTaskAsync(new { title = "Llamar a Juan", due_date = "2031-03-06T16:30" });
        await me.CreateTaskAsync(new { title = "Ya resuelta", due_date = "2031-03-06", status = "completed" });
        await colleague.CreateAppointmentAsync(new { title = "Cita del colega", start_datetime = "2031-03-06T11:00" });
        await colleague.CreateTaskAsync(new { title = "Tarea del colega", due_date = "2031-03-06" });
        await stranger.CreateAppointmentAsync(new { title = "Cita de otra empresa", start_datetime = "2031-03-06T12:00" });

        var tomorrow = await AskAsync(me, "¿qué tengo mañana?");
        tomorrow.Str("agent").Should().Be("personal");
        tomorrow.Str("intent").Should().Be("personal_agenda");
        tomorrow.Str("language").Should().Be("es");
        var text = tomorrow.Str("reply");
        text.Should().Contain("mañana, jueves 6 de marzo").And.Contain("09:00–09:45 Dentista").And.Contain("Enviar factura (prioridad alta)")
            .And.Contain("Llamar a Juan (16:30)");
        text.Should().NotContain("Comité", "it is on Friday").And.NotContain("Ya resuelta").And.NotContain("colega").And.NotContain("otra empresa");

        var friday = (await AskAsync(me, "what do I have on Friday?")).Str("reply");
        friday.Should().Contain("Friday, March 7").And.Contain("10:00–11:00 Comité").And.NotContain("Dentista");

        var today = await AskAsync(me, "o que tenho hoje?");
        today.Str("language").Should().Be("pt");
        today.Str("reply").Should().Be("Você não tem nada agendado para hoje, quarta-feira, 5 de março.");

        var theirs = (await AskAsync(colleague, "¿qué tengo mañana?")).Str("reply");
        theirs.Should().Contain("11:00–12:00 Cita del colega").And.Contain("Tarea del colega").And.NotContain("Dentista").And.NotContain("Enviar factura");
        var outsider = (await AskAsync(stranger, "¿qué tengo mañana?")).Str("reply");
        outsider.Should().Contain("Cita de otra empresa").And.NotContain("Dentista").And.NotContain("colega");
    }

    [Fact]
    public async Task Pending_tasks_come_high_priority_first_then_by_due_with_the_overdue_ones_marked()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        await me.CreateTaskAsync(new { title = "Baja sin fecha", priority = "low" });
        await me.CreateTaskAsync(new { title = "Media mañana", due_date = "2031-03-06" });
        await me.CreateTaskAsync(new { title = "Alta el viernes", due_date = "2031-03-07", priority = "high" });
        await me.CreateTaskAsync(new { title = "Alta vencida", due_date = "2031-03-04", priority = "high" });
        await me.CreateTaskAsync(new { title = "Media en curso", due_date = "2031-03-08", status = "in_progress" });
        await me.CreateTaskAsync(new { title = "Completada", due_date = "2031-03-01", status = "completed" });
        await colleague.CreateTaskAsync(new { title = "Ajena vencida", due_date = "2031-03-01", priority = "high" });

        var pending = await AskAsync(me, "tareas pendientes");
        pending.Str("intent").Should().Be("task");
        var lines = pending.Str("reply").Split('\n');
        lines[0].Should().Be("Tienes 5 tarea(s) pendiente(s):");
        lines.Skip(1).Select(l => l.Split(" (")[0].TrimStart('•', ' ')).Should()
            .Equal("Alta vencida", "Alta el viernes", "Media mañana", "Media en curso", "Baja sin fecha");
        lines[1].Should().Contain("vence ayer, martes 4 de marzo").And.EndWith("⚠ atrasada");
        lines.Skip(2).Should().NotContain(l => l.Contains("atrasada"));
        pending.Str("reply").Should().NotContain("Completada").And.NotContain("Ajena");

        var overdue = await AskAsync(me, "my overdue tasks");
        overdue.Str("reply").Should().StartWith("You have 1 overdue task(s):\n• Alta vencida (high priority, due yesterday, Tuesday, March 4)");
        overdue.Str("reply").Should().NotContain("Ajena");

        var atrasadas = await AskAsync(me, "quais são minhas tarefas atrasadas?");
        atrasadas.Str("language").Should().Be("pt");
        atrasadas.Str("reply").Should().StartWith("Você tem 1 tarefa(s) atrasada(s):").And.Contain("Alta vencida").And.Contain("⚠ atrasada");
    }

    [Fact]
    public async Task A_sentence_becomes_a_task_with_its_title_due_time_priority_and_reminder()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);

        var call = await AskAsync(me, "recuérdame llamar a Juan mañana a las 10");
        call.Str("intent").Should().Be("task");
        call.Str("reply").Should().Be("Listo, anoté la tarea «Llamar a Juan» para mañana, jueves 6 de marzo a las 10:00. Te la recordaré 15 minutos antes.");
        var created = Action(call, "task_created");
        created.Str("due").Should().Be("2031-03-06T10:00:00-05:00");
        var task = await me.GetJsonAsync($"/api/personal/tasks/{created.Str("task_id")}");
        task.Str("title").Should().Be("Llamar a Juan");
        task.Str("due_date").Should().Be("2031-03-06T10:00:00-05:00");
        task["due_all_day"]!.GetValue<bool>().Should().BeFalse();
        task["reminder_minutes"]!.GetValue<int>().Should().Be(15);
        task.Str("priority").Should().Be("medium");

        var invoice = await AskAsync(me, "add a task: send the invoice by Friday, high priority");
        invoice.Str("reply").Should().Be("Done, I added the task “Send the invoice”, due Friday, March 7 (high priority).");
        var invoiceTask = await me.GetJsonAsync($"/api/personal/tasks/{Action(invoice, "task_created").Str("task_id")}");
        invoiceTask.Str("due_date").Should().Be("2031-03-07T23:59:59-05:00", "a day without a time is due at its end, like a date-only due_date");
        invoiceTask["due_all_day"]!.GetValue<bool>().Should().BeTrue();
        invoiceTask.Str("priority").Should().Be("high");
        invoiceTask["reminder_minutes"].Should().BeNull();

        var bill = await AskAsync(me, "me lembre de pagar a conta amanhã às 15h");
        bill.Str("language").Should().Be("pt");
        bill.Str("reply").Should().StartWith("Pronto, anotei a tarefa «Pagar a conta» para amanhã, quinta-feira, 6 de março às 15:00.");
        Action(bill, "task_created").Str("due").Should().Be("2031-03-06T15:00:00-05:00");

        var urgent = await AskAsync(me, "crea una tarea para revisar el inventario, urgente");
        Action(urgent, "task_created").ContainsKey("due").Should().BeFalse();

        (await me.GetJsonAsync("/api/personal/tasks")).Titles().Should()
            .BeEquivalentTo(["Llamar a Juan", "Send the invoice", "Pagar a conta", "Revisar el inventario"]);
        (await colleague.GetJsonAsync("/api/personal/tasks"))["total"]!.GetValue<int>().Should().Be(0);

        var vague = await AskAsync(me, "recuérdame mañana");
        vague.Str("reply").Should().StartWith("¿Qué tarea anoto?");
        vague["actions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_appointment_reports_the_user_s_overlapping_appointments()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        var dentist = await me.CreateAppointmentAsync(new { title = "Dentista", start_datetime = "2031-03-07T15:30", end_datetime = "2031-03-07T16:30" });
        await colleague.CreateAppointmentAsync(new { title = "Del colega", start_datetime = "2031-03-07T15:00" });

        var meeting = await AskAsync(me, "agenda reunión con el proveedor el viernes a las 3pm por 1 hora");
        meeting.Str("intent").Should().Be("personal_agenda");
        meeting.Str("reply").Should().Be(
            "Listo, agendé «Reunión con el proveedor» para viernes 7 de marzo, 15:00–16:00. Ojo: se cruza con «Dentista» (15:30–16:30).");
        var action = Action(meeting, "appointment_created");
        action.Str("start").Should().Be("2031-03-07T15:00:00-05:00");
        action["conflicts"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal(dentist.Id());
        var stored = await me.GetJsonAsync($"/api/personal/appointments/{action.Str("appointment_id")}");
        stored.Str("title").Should().Be("Reunión con el proveedor");
        stored.Str("end_datetime").Should().Be("2031-03-07T16:00:00-05:00");
        stored.ConflictTitles().Should().Equal("Dentista");

        var english = await AskAsync(me, "schedule a meeting with Ana tomorrow at 9am");
        english.Str("reply").Should().Be("Done, I scheduled “Meeting with Ana” for tomorrow, Thursday, March 6, 09:00–10:00.");
        Action(english, "appointment_created")["conflicts"]!.AsArray().Should().BeEmpty();

        var portuguese = await AskAsync(me, "marca uma reunião com o cliente na sexta às 16h por 30 minutos");
        portuguese.Str("reply").Should().Be(
            "Pronto, agendei «Reunião com o cliente» para sexta-feira, 7 de março, 16:00–16:30. Atenção: conflita com «Dentista» (15:30–16:30).");

        var noTime = await AskAsync(me, "agenda reunión con Pedro");
        noTime.Str("reply").Should().StartWith("¿Para qué día y a qué hora agendo «Reunión con Pedro»?");
        (await me.GetJsonAsync("/api/personal/appointments"))["total"]!.GetValue<int>().Should().Be(4);
        (await colleague.GetJsonAsync("/api/personal/appointments")).Titles().Should().Equal("Del colega");
    }

    [Fact]
    public async Task A_task_is_marked_done_by_its_name_and_several_close_names_are_a_question()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        var juan = await me.CreateTaskAsync(new { title = "Llamar a Juan" });
        var bank = await me.CreateTaskAsync(new { title = "Llamar al banco" });
        var accountant = await me.CreateTaskAsync(new { title = "Llamar al contador" });
        var invoice = await me.CreateTaskAsync(new { title = "Send the invoice" });
        var theirs = await colleague.CreateTaskAsync(new { title = "Llamar a Juan" });

        var done = await AskAsync(me, "ya hice la tarea de llamar a Juan");
        done.Str("reply").Should().Be("¡Bien! Marqué como hecha la tarea «Llamar a Juan».");
        Action(done, "task_completed").Str("task_id").Should().Be(juan.Id());
        (await me.GetJsonAsync($"/api/personal/tasks/{juan.Id()}")).Str("status").Should().Be("completed");
        (await colleague.GetJsonAsync($"/api/personal/tasks/{theirs.Id()}")).Str("status").Should().Be("pending", "never another user's task");

        var english = await AskAsync(me, "mark the task 'send invoice' as done");
        english.Str("reply").Should().Be("Nice! I marked “Send the invoice” as done.");
        (await me.GetJsonAsync($"/api/personal/tasks/{invoice.Id()}")).Str("status").Should().Be("completed");

        var which = await AskAsync(me, "ya hice la tarea de llamar");
        which.Str("reply").Should().StartWith("¿Cuál de estas tareas hiciste?\n1. Llamar al banco\n2. Llamar al contador");
        which["actions"]!.AsArray().Should().BeEmpty();
        var second = await AskAsync(me, "la 2");
        Action(second, "task_completed").Str("task_id").Should().Be(accountant.Id());
        (await me.GetJsonAsync($"/api/personal/tasks/{accountant.Id()}")).Str("status").Should().Be("completed");
        (await me.GetJsonAsync($"/api/personal/tasks/{bank.Id()}")).Str("status").Should().Be("pending");

        var unknown = await AskAsync(me, "ya hice la tarea de regar las plantas");
        unknown.Str("reply").Should().StartWith("No encontré una tarea pendiente que se parezca a «regar las plantas». Tus pendientes son:\n• Llamar al banco");
        unknown["actions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Anything_else_gets_the_list_of_what_it_can_do_and_only_nonsense_counts_as_not_understood()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);

        var help = await AskAsync(me, "¿qué puedes hacer?");
        help.Str("reply").Should().StartWith("Soy tu asistente personal.").And.Contain("recuérdame llamar a Juan");
        var english = await AskAsync(me, "hello there, good morning");
        english.Str("reply").Should().StartWith("I'm your personal assistant.");

        // Words of no language keep the conversation's (English since the greeting).
        var nonsense = await AskAsync(me, "xqzv blorft");
        nonsense.Str("reply").Should().StartWith("I didn't quite get that. I'm your personal assistant.");
        nonsense.Str("agent").Should().Be("personal");
    }

    [Fact]
    public async Task The_personal_assistant_is_for_signed_in_users_and_their_own_conversation_only()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        var key = Host.CreateClient();
        key.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);

        var byKey = await Http.ProblemAsync(await key.PostAsync("/api/chat", Http.Json(new { message = "¿qué tengo mañana?", assistant = "personal" })), 403);
        byKey.Str("detail").Should().Contain("signed-in user");

        var mine = await AskAsync(me, "recuérdame enviar el informe mañana");
        await Http.ProblemAsync(await colleague.PostAsync("/api/chat",
            Http.Json(new { message = "¿qué tengo mañana?", conversation_id = mine.Str("conversation_id") })), 404);
        var (stranger, _) = await (await app.CreateTenantAsync()).MemberAsync(host: Host);
        await Http.ProblemAsync(await stranger.PostAsync("/api/chat",
            Http.Json(new { message = "¿qué tengo mañana?", conversation_id = mine.Str("conversation_id") })), 404);
        (await AskAsync(colleague, "¿qué tengo mañana?")).Str("reply").Should().NotContain("informe");
    }

    [Fact]
    public async Task The_tools_create_a_task_and_list_the_day_for_the_turn_s_user_and_record_the_action()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, userId) = await tenant.MemberAsync(host: Host);
        var (colleague, _) = await tenant.MemberAsync(host: Host);
        await me.CreateAppointmentAsync(new { title = "Dentista", start_datetime = "2031-03-06T09:00" });
        await colleague.CreateAppointmentAsync(new { title = "Del colega", start_datetime = "2031-03-06T09:00" });
        var conversationId = Guid.Parse((await AskAsync(me, "hola")).Str("conversation_id"));

        var (created, day, effects, badDue) = await Host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
            var turn = new AgentTurn
            {
                Text = "",
                Tokens = [],
                Language = "es",
                Prediction = IntentClassifier.Default.Classify(""),
                Context = await db.ContactContexts.AsNoTracking().SingleAsync(c => c.ContactId == conversation.ContactId),
                Profile = AssistantProfile.From(tenant.Id, tenant.Slug, "T", "retail", "America/Bogota", "es", "COP", "{}"),
                Conversation = conversation,
                Contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == conversation.ContactId),
                UserId = userId,
                Now = Instant.FromDateTimeOffset(_clock.GetUtcNow()),
            };
            var tools = services.GetServices<IAgentTools>().Single(t => t.Agents.Contains(AgentNames.Personal)).Create(turn).ToDictionary(f => f.Name);
            var task = await tools["create_task"].InvokeAsync(new AIFunctionArguments
            {
                ["title"] = "Comprar insumos", ["due"] = "2031-03-06T11:00", ["priority"] = "high",
            });
            var bad = await tools["create_task"].InvokeAsync(new AIFunctionArguments { ["title"] = "x", ["due"] = "next week" });
            var agenda = await tools["list_agenda"].InvokeAsync(new AIFunctionArguments { ["date"] = "2031-03-06" });
            return (JsonSerializer.SerializeToNode(task)!, JsonSerializer.SerializeToNode(agenda)!, turn.Effects.Actions.ToList(), JsonSerializer.SerializeToNode(bad)!);
        });

        created.Str("title").Should().Be("Comprar insumos");
        created.Str("due").Should().Be("2031-03-06T11:00:00-05:00");
        created.Str("priority").Should().Be("high");
        badDue.Str("error").Should().Contain("due must be");
        effects.Should().ContainSingle().Which.Type.Should().Be("task_created");
        effects[0].Data["task_id"]!.GetValue<string>().Should().Be(created.Str("task_id"));
        (await me.GetJsonAsync($"/api/personal/tasks/{created.Str("task_id")}")).Str("title").Should().Be("Comprar insumos");

        day.Str("date").Should().Be("2031-03-06");
        day["appointments"]!.AsArray().Select(a => a!.Str("title")).Should().Equal("Dentista");
        day["appointments"]![0]!.Str("start").Should().Be("2031-03-06T09:00:00-05:00");
        day["tasks"]!.AsArray().Select(t => t!.Str("title")).Should().Equal("Comprar insumos");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalAgentTestsOnSqlite(SqliteFactory app) : PersonalAgentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalAgentTestsOnPostgres(PostgresFactory app) : PersonalAgentTests(app);
