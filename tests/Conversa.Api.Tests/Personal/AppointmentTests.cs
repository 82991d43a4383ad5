using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;

namespace Conversa.Api.Tests.Personal;

/// <summary>
/// A user's own appointments over HTTP. The tenant's zone is America/Bogota (-05:00); dates are years ahead, so
/// reminders are planned and the test host's scheduler never finds them due.
/// </summary>
public abstract class AppointmentTests(ConversaFactory app)
{
    [Fact]
    public async Task An_appointment_is_created_read_listed_replaced_patched_and_deleted()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var response = await me.PostAsync("/api/personal/appointments", Http.Json(new
        {
            title = " Dentista ",
            description = "Control anual",
            start_datetime = "2030-05-10T10:00:00",
            location = "Clínica Norte",
            attendees = new[] { "Ana", "Luis" },
            category = "Salud",
        }));
        var created = await Http.ReadAsync(response, 201);
        var id = created.Id();
        response.Headers.Location!.ToString().Should().Be($"/api/personal/appointments/{id}");
        created.Text("title").Should().Be("Dentista");
        created.Text("start_datetime").Should().Be("2030-05-10T10:00:00-05:00");
        created.Text("end_datetime").Should().Be("2030-05-10T11:00:00-05:00", "an appointment without an end lasts an hour");
        created["reminder_minutes"]!.GetValue<int>().Should().Be(15);
        created["attendees"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("Ana", "Luis");
        created["conflicts"]!.AsArray().Should().BeEmpty();
        created.Text("created_at").Should().EndWith("-05:00");

        var read = await me.GetJsonAsync($"/api/personal/appointments/{id}");
        System.Text.Json.Nodes.JsonNode.DeepEquals(read, created).Should().BeTrue(read.ToJsonString());
        var list = await me.GetJsonAsync("/api/personal/appointments");
        list["total"]!.GetValue<int>().Should().Be(1);
        list["next_cursor"].Should().BeNull();
        list.Titles().Should().Equal("Dentista");

        // PUT replaces everything: what is not sent is gone or back to its default.
        var replaced = await me.PutJsonAsync($"/api/personal/appointments/{id}", new
        {
            title = "Dentista (control)",
            start_datetime = "2030-05-10T20:00:00Z",
            end_datetime = "2030-05-10T15:30:00-05:00",
            reminder_minutes = (int?)null,
        }, 200);
        replaced.Text("start_datetime").Should().Be("2030-05-10T15:00:00-05:00");
        replaced.Text("end_datetime").Should().Be("2030-05-10T15:30:00-05:00");
        replaced["description"].Should().BeNull();
        replaced["location"].Should().BeNull();
        replaced["attendees"]!.AsArray().Should().BeEmpty();
        replaced["reminder_minutes"].Should().BeNull();

        // PATCH merges; moving only the start keeps the duration.
        var patched = await me.PatchJsonAsync($"/api/personal/appointments/{id}", new { location = "Clínica Sur", start_datetime = "2030-05-11T09:00" }, 200);
        patched.Text("title").Should().Be("Dentista (control)");
        patched.Text("location").Should().Be("Clínica Sur");
        patched.Text("start_datetime").Should().Be("2030-05-11T09:00:00-05:00");
        patched.Text("end_datetime").Should().Be("2030-05-11T09:30:00-05:00");
        (await me.PatchJsonAsync($"/api/personal/appointments/{id}", new { description = "x", reminder_minutes = 45 }, 200))
            ["reminder_minutes"]!.GetValue<int>().Should().Be(45);

        (await me.DeleteAsync($"/api/personal/appointments/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await me.GetAsync($"/api/personal/appointments/{id}"), 404);
        await Http.ProblemAsync(await me.DeleteAsync($"/api/personal/appointments/{id}"), 404);
        (await me.GetJsonAsync("/api/personal/appointments"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_reminder_row_moves_with_the_appointment_and_is_cancelled_with_it()
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "es" });
        var (me, userId) = await tenant.MemberAsync();
        var created = await me.CreateAppointmentAsync(new { title = "Dentista", start_datetime = "2030-05-10T10:00:00-05:00", reminder_minutes = 30 });
        var id = created.Id();

        var reminder = (await app.ReminderAsync(tenant, id))!;
        reminder.Kind.Should().Be(ReminderKind.Appointment);
        reminder.Status.Should().Be(ReminderStatus.Pending);
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 10, 14, 30, 0, DateTimeKind.Utc));
        reminder.UserId.Should().Be(userId);
        reminder.Text.Should().Be("Recordatorio: Dentista, el 10 de mayo a las 10:00.");

        await me.PutJsonAsync($"/api/personal/appointments/{id}", new { title = "Dentista", start_datetime = "2030-05-12T08:00:00-05:00" }, 200);
        reminder = (await app.ReminderAsync(tenant, id))!;
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 12, 12, 45, 0, DateTimeKind.Utc), "PUT without reminder_minutes means the default 15");
        reminder.Text.Should().Contain("12 de mayo a las 08:00");

        await me.PatchJsonAsync($"/api/personal/appointments/{id}", new { reminder_minutes = 0 }, 200);
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Cancelled);
        await me.PatchJsonAsync($"/api/personal/appointments/{id}", new { reminder_minutes = 60 }, 200);
        reminder = (await app.ReminderAsync(tenant, id))!;
        reminder.Status.Should().Be(ReminderStatus.Pending);
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 12, 12, 0, 0, DateTimeKind.Utc));

        await me.DeleteAsync($"/api/personal/appointments/{id}");
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Cancelled);

        var none = await me.CreateAppointmentAsync(new { title = "Sin aviso", start_datetime = "2030-05-10T10:00:00", reminder_minutes = (int?)null });
        (await app.ReminderAsync(tenant, none.Id())).Should().BeNull();
        var past = await me.CreateAppointmentAsync(new { title = "Ya pasó", start_datetime = "2020-05-10T10:00:00" });
        (await app.ReminderAsync(tenant, past.Id())).Should().BeNull("an appointment in the past is not reminded");
    }

    [Fact]
    public async Task Overlapping_appointments_are_reported_as_conflicts_on_create_update_get_and_list()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var (colleague, _) = await tenant.MemberAsync();
        await colleague.CreateAppointmentAsync(new { title = "Del colega", start_datetime = "2030-06-01T10:00" });

        var a = await me.CreateAppointmentAsync(new { title = "A", start_datetime = "2030-06-01T10:00", end_datetime = "2030-06-01T11:00" });
        a["conflicts"]!.AsArray().Should().BeEmpty("another user's appointment is never a conflict of mine");
        var b = await me.CreateAppointmentAsync(new { title = "B", start_datetime = "2030-06-01T10:30", end_datetime = "2030-06-01T11:30" });
        b.ConflictTitles().Should().Equal("A");
        var conflict = b["conflicts"]![0]!;
        conflict.Id().Should().Be(a.Id());
        conflict.Text("start_datetime").Should().Be("2030-06-01T10:00:00-05:00");
        conflict.Text("end_datetime").Should().Be("2030-06-01T11:00:00-05:00");

        var c = await me.CreateAppointmentAsync(new { title = "C", start_datetime = "2030-06-01T11:00", end_datetime = "2030-06-01T12:00" });
        c.ConflictTitles().Should().Equal(["B"], "back-to-back appointments do not clash");
        (await me.GetJsonAsync($"/api/personal/appointments/{a.Id()}")).ConflictTitles().Should().Equal("B");

        var moved = await me.PutJsonAsync($"/api/personal/appointments/{c.Id()}", new { title = "C", start_datetime = "2030-06-01T13:00" }, 200);
        moved["conflicts"]!.AsArray().Should().BeEmpty();
        var point = await me.CreateAppointmentAsync(new { title = "Llamada", start_datetime = "2030-06-01T13:30", end_datetime = "2030-06-01T13:30" });
        point.ConflictTitles().Should().Equal(["C"], "a call with no duration inside C clashes with it");

        var list = await me.GetJsonAsync("/api/personal/appointments?from=2030-06-01&to=2030-06-01");
        list.Titles().Should().Equal("A", "B", "C", "Llamada");
        list["items"]!.AsArray().Select(i => string.Join(",", i!.ConflictTitles())).Should().Equal("B", "A", "Llamada", "C");
    }

    [Fact]
    public async Task Lists_filter_by_window_upcoming_days_and_category_and_page_in_start_order()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        await me.CreateAppointmentAsync(new { title = "Día 11", start_datetime = "2030-05-11T09:00", category = "Trabajo" });
        await me.CreateAppointmentAsync(new { title = "Día 10", start_datetime = "2030-05-10T09:00", category = "trabajo" });
        await me.CreateAppointmentAsync(new { title = "Noche del 12", start_datetime = "2030-05-12T23:30", end_datetime = "2030-05-13T00:30", category = "Salud" });
        await me.CreateAppointmentAsync(new { title = "Sin categoría", start_datetime = "2030-05-14T09:00" });

        (await me.GetJsonAsync("/api/personal/appointments")).Titles().Should().Equal("Día 10", "Día 11", "Noche del 12", "Sin categoría");
        (await me.GetJsonAsync("/api/personal/appointments?from=2030-05-11&to=2030-05-11")).Titles().Should().Equal("Día 11");
        (await me.GetJsonAsync("/api/personal/appointments?from=2030-05-13&to=2030-05-13")).Titles()
            .Should().Equal(["Noche del 12"], "it shares the first half hour of the 13th");
        (await me.GetJsonAsync("/api/personal/appointments?from=2030-05-11T09:30:00-05:00&to=2030-05-12T23:30:00-05:00")).Titles()
            .Should().Equal(["Día 11"], "a date-time to is the end of the window");
        (await me.GetJsonAsync("/api/personal/appointments?to=2030-05-10")).Titles().Should().Equal("Día 10");
        (await me.GetJsonAsync("/api/personal/appointments?category=TRABAJO")).Titles().Should().Equal("Día 10", "Día 11");
        (await me.GetJsonAsync("/api/personal/appointments?category=salúd")).Titles().Should().Equal("Noche del 12");

        var page1 = await me.GetJsonAsync("/api/personal/appointments?limit=3");
        page1.Titles().Should().Equal("Día 10", "Día 11", "Noche del 12");
        page1["total"]!.GetValue<int>().Should().Be(4);
        var cursor = page1["next_cursor"]!.GetValue<string>();
        var page2 = await me.GetJsonAsync($"/api/personal/appointments?limit=3&cursor={Uri.EscapeDataString(cursor)}");
        page2.Titles().Should().Equal("Sin categoría");
        page2["next_cursor"].Should().BeNull();

        var soon = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await me.CreateAppointmentAsync(new { title = "Pronto", start_datetime = soon });
        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=7")).Titles().Should().Equal("Pronto");
        (await me.GetJsonAsync("/api/personal/appointments?upcoming_days=1")).Titles().Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_naming_every_field()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var missing = await Http.ProblemAsync(await me.PostAsync("/api/personal/appointments", Http.Json(new { description = "x" })), 400);
        missing["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["title", "start_datetime"]);

        var wrongTypes = await Http.ProblemAsync(await me.PostAsync("/api/personal/appointments", Http.Raw(
            """{"title": 5, "start_datetime": "mañana a las 3", "attendees": "Ana", "reminder_minutes": "15", "location": ["x"]}""")), 400);
        wrongTypes["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["title", "start_datetime", "attendees", "reminder_minutes", "location"]);
        wrongTypes["errors"]!["title"]!.AsArray().Should().HaveCount(1, "a title that is not a string is not also reported as missing");

        var rules = await Http.ProblemAsync(await me.PostAsync("/api/personal/appointments", Http.Json(new
        {
            title = new string('x', 201),
            start_datetime = "2030-05-10T10:00:00-05:00",
            end_datetime = "2030-05-10T09:00:00-05:00",
            reminder_minutes = 10_081,
            attendees = new[] { "" },
        })), 400);
        rules["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["title", "end_datetime", "reminder_minutes", "attendees"]);
        rules["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        await Http.ProblemAsync(await me.PostAsync("/api/personal/appointments", Http.Raw("{\"title\": ")), 400);
        await Http.ProblemAsync(await me.PostAsync("/api/personal/appointments", Http.Json(new { title = "x", start_datetime = "2030-05-10T10:00", reminder_minutes = 1.5 })), 400);
        (await me.PostAsync("/api/personal/appointments", Http.Json(new { title = "x", start_datetime = "9999-12-31T23:30:00Z" }))).StatusCode
            .Should().Be(HttpStatusCode.BadRequest);

        foreach (var query in new[] { "upcoming_days=abc", "upcoming_days=0", "from=ayer", "to=2030-13-01", "limit=0", "cursor=nope",
                     "from=2030-05-03&to=2030-05-01", "upcoming_days=3&from=2030-05-01" })
        {
            var problem = await Http.ProblemAsync(await me.GetAsync("/api/personal/appointments?" + query), 400);
            problem["errors"]!.AsObject().Count.Should().BeGreaterThan(0, query);
        }

        var mine = await me.CreateAppointmentAsync(new { title = "Mía", start_datetime = "2030-05-10T10:00" });
        var invalid = await Http.ProblemAsync(await me.PutAsync($"/api/personal/appointments/{mine.Id()}", Http.Json(new { title = "" })), 400);
        invalid["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["title", "start_datetime"]);
        await Http.ProblemAsync(await me.PatchAsync($"/api/personal/appointments/{mine.Id()}", Http.Json(new { end_datetime = "2030-05-09T10:00" })), 400);
        (await me.GetJsonAsync($"/api/personal/appointments/{mine.Id()}")).Text("end_datetime").Should().Be("2030-05-10T11:00:00-05:00");
    }

    [Fact]
    public async Task Times_across_the_spring_daylight_saving_change_in_Madrid_are_exact()
    {
        var tenant = await app.CreateTenantAsync(extra: new { timezone = "Europe/Madrid" });
        var (me, _) = await tenant.MemberAsync();
        // On 2026-03-29 Madrid jumps from 02:00 (+01:00) to 03:00 (+02:00): 01:30 to 03:30 local is one real hour.
        var across = await me.CreateAppointmentAsync(new { title = "Across", start_datetime = "2026-03-29T01:30", end_datetime = "2026-03-29T03:30" });
        across.Text("start_datetime").Should().Be("2026-03-29T01:30:00+01:00");
        across.Text("end_datetime").Should().Be("2026-03-29T03:30:00+02:00");

        var byDefault = await me.CreateAppointmentAsync(new { title = "Default end", start_datetime = "2026-03-29T01:45" });
        byDefault.Text("end_datetime").Should().Be("2026-03-29T03:45:00+02:00", "the default hour is sixty real minutes");
        byDefault.ConflictTitles().Should().Equal("Across");

        var inTheGap = await me.CreateAppointmentAsync(new { title = "Gap", start_datetime = "2026-03-29T02:30" });
        inTheGap.Text("start_datetime").Should().Be("2026-03-29T03:30:00+02:00", "a local time that does not exist moves forward by the gap");

        var after = await me.CreateAppointmentAsync(new { title = "After", start_datetime = "2026-03-29T03:30:00+02:00" });
        after.ConflictTitles().Should().Equal(["Default end", "Gap"], "Across ends exactly when After starts");

        var day = await me.GetJsonAsync("/api/personal/appointments?from=2026-03-29&to=2026-03-29");
        day.Titles().Should().Equal("Across", "Default end", "Gap", "After");
        (await me.GetJsonAsync("/api/personal/appointments?from=2026-03-28&to=2026-03-28"))["total"]!.GetValue<int>().Should().Be(0);

        // In autumn 02:30 happens twice; it means the first one (summer time).
        var autumn = await me.CreateAppointmentAsync(new { title = "Autumn", start_datetime = "2026-10-25T02:30" });
        autumn.Text("start_datetime").Should().Be("2026-10-25T02:30:00+02:00");
        autumn.Text("end_datetime").Should().Be("2026-10-25T02:30:00+01:00");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppointmentTestsOnSqlite(SqliteFactory app) : AppointmentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AppointmentTestsOnPostgres(PostgresFactory app) : AppointmentTests(app);
