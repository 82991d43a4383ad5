using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Personal;

/// <summary>
/// Overdue, upcoming and reminder times on a clock moved by hand. The clock is years ahead of the real one so the
/// shared host's scheduler (real clock) never finds these reminders due; this host's own scheduler is off.
/// </summary>
public abstract class PersonalClockTests(ConversaFactory app) : IDisposable
{
    private readonly TestClock _clock = new(new DateTimeOffset(2031, 3, 2, 17, 0, 0, TimeSpan.Zero)); // 12:00 in Bogotá
    private WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .UseSetting("Conversa:Reminders:Enabled", "false")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Overdue_tasks_are_due_in_the_past_and_not_completed_as_the_clock_moves()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        await me.CreateTaskAsync(new { title = "ayer", due_date = "2031-03-01" });
        await me.CreateTaskAsync(new { title = "hace una hora", due_date = "2031-03-02T11:00" });
        await me.CreateTaskAsync(new { title = "hecha", due_date = "2031-03-01", status = "completed" });
        await me.CreateTaskAsync(new { title = "hoy", due_date = "2031-03-02" });
        await me.CreateTaskAsync(new { title = "pasado mañana", due_date = "2031-03-04T09:00", priority = "high" });
        await me.CreateTaskAsync(new { title = "sin fecha" });

        var overdue = await me.GetJsonAsync("/api/personal/tasks?overdue=true");
        overdue.Titles().Should().Equal("ayer", "hace una hora");
        overdue["items"]!.AsArray().Should().OnlyContain(t => t!["overdue"]!.GetValue<bool>());
        (await me.GetJsonAsync("/api/personal/tasks?overdue=false")).Titles().Should().Equal("pasado mañana", "hecha", "hoy", "sin fecha");
        (await me.GetJsonAsync("/api/personal/tasks?upcoming_days=1")).Titles().Should().Equal(["hoy"], "open tasks due in the next 24 hours");
        (await me.GetJsonAsync("/api/personal/tasks?upcoming_days=2")).Titles().Should().Equal("pasado mañana", "hoy");

        _clock.Set(new DateTimeOffset(2031, 3, 3, 5, 0, 0, TimeSpan.Zero)); // 00:00 on the 3rd in Bogotá: "hoy" is now late
        (await me.GetJsonAsync("/api/personal/tasks?overdue=true")).Titles().Should().Equal("ayer", "hace una hora", "hoy");
        _clock.Set(new DateTimeOffset(2031, 3, 3, 4, 59, 58, TimeSpan.Zero));
        (await me.GetJsonAsync("/api/personal/tasks?overdue=true")).Titles().Should().Equal(["ayer", "hace una hora"], "23:59:59 has not passed yet");
    }

    [Fact]
    public async Task Upcoming_appointments_include_the_one_under_way_and_stop_at_the_window()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync(host: Host);
        await me.CreateAppointmentAsync(new { title = "terminada", start_datetime = "2031-03-02T10:00", end_datetime = "2031-03-02T11:00" });
        await me.CreateAppointmentAsync(new { title = "en curso", start_datetime = "2031-03-02T11:30", end_datetime = "2031-03-02T12:30" });
        await me.CreateAppointmentAsync(new { title = "mañana", start_datetime = "2031-03-03T09:00" });
        await me.CreateAppointmentAsync(new { title = "en tres días", start_datetime = "2031-03-05T12:30" });

        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=1")).Titles().Should().Equal("en curso", "mañana");
        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=3")).Titles().Should().Equal("en curso", "mañana");
        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=4")).Titles().Should().Equal("en curso", "mañana", "en tres días");
        _clock.Advance(TimeSpan.FromHours(1));
        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=1")).Titles().Should().Equal("mañana");
    }

    [Fact]
    public async Task Reminders_count_real_minutes_across_daylight_saving_and_skip_what_already_happened()
    {
        var tenant = await app.CreateTenantAsync(extra: new { timezone = "Europe/Madrid", language = "pt" });
        var (me, _) = await tenant.MemberAsync(host: Host);
        // Madrid moves to summer time on 2031-03-30 at 02:00: a day before 10:00 (+02:00) is 09:00 (+01:00) the day before.
        var appointment = await me.CreateAppointmentAsync(new { title = "Consulta", start_datetime = "2031-03-30T10:00", reminder_minutes = 24 * 60 });
        appointment.Text("start_datetime").Should().Be("2031-03-30T10:00:00+02:00");
        var reminder = (await Host.ReminderAsync(tenant, appointment.Id()))!;
        reminder.DueAt.Should().Be(new DateTime(2031, 3, 29, 8, 0, 0, DateTimeKind.Utc));
        reminder.Text.Should().Be("Lembrete: Consulta, em 30 de março às 10:00.");

        var task = await me.CreateTaskAsync(new { title = "Relatório", due_date = "2031-03-30" });
        task.Text("due_date").Should().Be("2031-03-30T23:59:59+02:00");
        (await Host.ReminderAsync(tenant, task.Id()))!.DueAt.Should().Be(new DateTime(2031, 3, 30, 20, 59, 59, DateTimeKind.Utc));

        var gone = await me.CreateAppointmentAsync(new { title = "Antes", start_datetime = "2031-03-01T10:00" });
        (await Host.ReminderAsync(tenant, gone.Id())).Should().BeNull("the clock is past it");
        var late = await me.CreateTaskAsync(new { title = "Tarde", due_date = "2031-03-01" });
        (await Host.ReminderAsync(tenant, late.Id())).Should().BeNull();

        // A reminder whose lead time has passed but whose event has not is still planned (the scheduler sends it at once).
        var soon = await me.CreateAppointmentAsync(new { title = "Ya", start_datetime = "2031-03-02T18:10", reminder_minutes = 60 });
        var soonReminder = (await Host.ReminderAsync(tenant, soon.Id()))!;
        soonReminder.Status.Should().Be(ReminderStatus.Pending);
        soonReminder.DueAt.Should().Be(new DateTime(2031, 3, 2, 16, 10, 0, DateTimeKind.Utc));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalClockTestsOnSqlite(SqliteFactory app) : PersonalClockTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalClockTestsOnPostgres(PostgresFactory app) : PersonalClockTests(app);
