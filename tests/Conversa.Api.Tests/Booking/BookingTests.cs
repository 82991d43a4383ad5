using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;

namespace Conversa.Api.Tests.Booking;

/// <summary>Taking, reading, moving, cancelling and closing bookings, on a clock moved by hand.</summary>
public abstract class BookingTests(ConversaFactory app)
{
    private readonly ClockedHost _host = ClockedHost.For(app);

    [Fact]
    public async Task A_booking_is_created_with_its_contact_and_read_back()
    {
        var clinic = await _host.ClinicAsync();
        var response = await clinic.Client.PostAsync("/api/bookings", Http.Json(new
        {
            service_id = clinic.Limpieza, provider_id = clinic.Ana, start = "2031-03-04T10:00",
            customer = new { name = "Ana Gómez", phone = "+57 300 123 4567", email = "Ana@Example.com" }, notes = "Primera vez",
        }));
        var booking = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().Be($"/api/bookings/{booking.Id()}");
        booking.Text("service_id").Should().Be(clinic.Limpieza);
        booking.Text("service_name").Should().Be("Limpieza facial");
        booking.Text("provider_id").Should().Be(clinic.Ana);
        booking.Text("provider_name").Should().Be("Dra. Ana");
        booking.Text("start").Should().Be("2031-03-04T10:00:00-05:00");
        booking.Text("end").Should().Be("2031-03-04T11:00:00-05:00");
        booking.Text("status").Should().Be("confirmed");
        booking.Text("notes").Should().Be("Primera vez");
        booking["customer"]!.Text("name").Should().Be("Ana Gómez");
        booking["customer"]!.Text("phone").Should().Be("+573001234567");
        booking["customer"]!.Text("email").Should().Be("ana@example.com");
        booking["created_at"]!.GetValue<DateTime>().Should().Be(ClockedHost.Monday10.UtcDateTime);
        (await clinic.Client.GetJsonAsync($"/api/bookings/{booking.Id()}")).ToJsonString().Should().Be(booking.ToJsonString());

        // The same phone (typed differently) is the same contact, whose name follows the latest booking.
        var again = await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-05T09:00:00-05:00", customer: new { name = "Ana María Gómez", phone = "0057 300 1234567" });
        again.Text("contact_id").Should().Be(booking.Text("contact_id"));
        // An email alone finds her too; someone new is a new contact.
        (await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-05T10:00", customer: new { name = "Ana", email = "ANA@example.com" }))
            .Text("contact_id").Should().Be(booking.Text("contact_id"));
        var other = await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-05T11:00", customer: new { name = "Luz", phone = "+573009999999" });
        other.Text("contact_id").Should().NotBe(booking.Text("contact_id"));

        var contact = await clinic.Client.GetJsonAsync($"/api/contacts/{booking.Text("contact_id")}");
        contact.Text("name").Should().Be("Ana", "the latest booking named her so");
        contact.Text("phone").Should().Be("+573001234567");
        contact["bookings"]!.AsArray().Select(b => b!.Text("start")).Should().Equal(
            "2031-03-05T10:00:00-05:00", "2031-03-05T09:00:00-05:00", "2031-03-04T10:00:00-05:00");
        var contacts = await clinic.Client.GetJsonAsync("/api/contacts");
        contacts["total"]!.GetValue<int>().Should().Be(2);
        (await clinic.Client.GetJsonAsync("/api/contacts?q=luz"))["items"]!.AsArray().Single()!.Text("name").Should().Be("Luz");
        (await clinic.Client.GetJsonAsync("/api/contacts?q=300%20999"))["items"]!.AsArray().Single()!.Text("name").Should().Be("Luz");
        (await clinic.Client.GetJsonAsync("/api/contacts?q=EXAMPLE"))["items"]!.AsArray().Single()!.Text("name").Should().Be("Ana");
    }

    [Fact]
    public async Task Without_a_provider_the_first_free_one_who_works_then_is_booked()
    {
        var clinic = await _host.ClinicAsync();
        var first = await clinic.BookAsync(clinic.Botox, null, "2031-03-04T09:00");
        first.Text("provider_name").Should().Be("Dr. Luis", "providers are tried by name");
        (await clinic.BookAsync(clinic.Botox, null, "2031-03-04T09:00")).Text("provider_name").Should().Be("Dra. Ana");
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, null, "2031-03-04T09:15"), 409)).Text("detail").Should().Contain("taken");
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, null, "2031-03-04T13:15"), 422)).Text("detail").Should().Contain("works");
    }

    [Fact]
    public async Task Refusals_say_why()
    {
        var clinic = await _host.ClinicAsync();
        await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-04T10:00");
        async Task<string> Refused(string service, string? provider, string start, int status) =>
            (await Http.ProblemAsync(await clinic.PostBookingAsync(service, provider, start), status)).Text("detail");

        (await Refused(clinic.Botox, clinic.Ana, "2031-03-04T10:30", 409)).Should().Contain("taken").And.Contain("Dra. Ana");
        (await Refused(clinic.Botox, clinic.Ana, "2031-03-04T11:00", 409)).Should().Contain("taken", "the limpieza keeps 15 minutes free after it");
        (await Refused(clinic.Limpieza, clinic.Ana, "2031-03-04T09:00", 409)).Should().Contain("taken", "its own buffer would run into the 10:00 one");
        (await Refused(clinic.Botox, clinic.Ana, "2031-03-04T12:45", 422)).Should().Contain("does not work");
        (await Refused(clinic.Botox, clinic.Ana, "2031-03-09T10:00", 422)).Should().Contain("does not work", "Sunday");
        (await Refused(clinic.Botox, clinic.Ana, "2031-03-03T10:30", 422)).Should().Contain("60 minutes' notice");
        (await Refused(clinic.Botox, clinic.Ana, "2031-03-01T10:00", 422)).Should().Contain("past");
        (await Refused(clinic.Botox, clinic.Ana, "2031-06-02T10:00", 422)).Should().Contain("60 days");
        (await Refused(clinic.Limpieza, clinic.Luis, "2031-03-04T15:00", 422)).Should().Contain("does not perform");
        await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T11:15");

        var invalid = await Http.ProblemAsync(await clinic.Client.PostAsync("/api/bookings", Http.Json(new
        {
            service_id = "botox", provider_id = "ana", start = "mañana", customer = new { name = "", phone = "12", email = "x" },
        })), 400);
        invalid["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(
            "service_id", "provider_id", "start", "customer.name", "customer.phone", "customer.email");
        (await Http.ProblemAsync(await clinic.Client.PostAsync("/api/bookings", Http.Json(new { service_id = clinic.Botox, start = "2031-03-04T15:00" })), 400))
            ["errors"]!["customer"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.PostBookingAsync(Guid.NewGuid().ToString(), null, "2031-03-04T15:00"), 422))["errors"]!["service_id"]
            .Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, Guid.NewGuid().ToString(), "2031-03-04T15:00"), 422))["errors"]!["provider_id"]
            .Should().NotBeNull();
        await Http.ProblemAsync(await clinic.Client.PostAsync("/api/bookings", Http.Raw("[]")), 400);
        (await clinic.Client.GetJsonAsync("/api/bookings"))["total"]!.GetValue<int>().Should().Be(2, "nothing refused was stored");
    }

    [Fact]
    public async Task Rescheduling_moves_the_same_row_or_leaves_it_where_it_was()
    {
        var clinic = await _host.ClinicAsync();
        var booking = await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-04T10:00");
        await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T15:00");
        var url = $"/api/bookings/{booking.Id()}/reschedule";

        var moved = await clinic.Client.PostJsonAsync(url, new { start = "2031-03-04T16:00" }, 200);
        moved.Id().Should().Be(booking.Id());
        moved.Text("start").Should().Be("2031-03-04T16:00:00-05:00");
        moved.Text("end").Should().Be("2031-03-04T17:00:00-05:00");
        // Its old time is free again; a move onto itself (overlapping its own old time) is fine.
        (await clinic.SlotStartsAsync($"service_id={clinic.Limpieza}&provider_id={clinic.Ana}&from=2031-03-04&to=2031-03-04"))
            .Should().Contain("2031-03-04T10:00:00-05:00");
        await clinic.Client.PostJsonAsync(url, new { start = "2031-03-04T16:15" }, 200);

        (await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { start = "2031-03-04T14:30" })), 409)).Text("detail").Should().Contain("taken");
        await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { start = "2031-03-04T17:30" })), 422);
        await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { start = "2031-03-03T10:30" })), 422);
        await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { start = "" })), 400);
        await Http.ProblemAsync(await clinic.Client.PostAsync($"/api/bookings/{Guid.NewGuid()}/reschedule", Http.Json(new { start = "2031-03-04T09:00" })), 404);
        (await clinic.Client.GetJsonAsync($"/api/bookings/{booking.Id()}")).Text("start").Should().Be("2031-03-04T16:15:00-05:00", "refused moves change nothing");
        (await clinic.Client.GetJsonAsync("/api/bookings"))["total"]!.GetValue<int>().Should().Be(2);

        await clinic.Client.PostJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { }, 200);
        (await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { start = "2031-03-05T10:00" })), 422)).Text("detail").Should().Contain("cancelled");
    }

    [Fact]
    public async Task Cancelling_frees_the_time_and_respects_the_cancellation_window()
    {
        var clinic = await _host.ClinicAsync(bookingSettings: new { cancellation_minutes = 24 * 60 });
        var tomorrow = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T09:00");
        var later = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-06T09:00");

        // Inside the window (starts in 23 hours): refused, unless a manager forces it.
        var refused = await Http.ProblemAsync(await clinic.Client.PostAsync($"/api/bookings/{tomorrow.Id()}/cancel", null), 422);
        refused.Text("detail").Should().Contain("1440 minutes").And.Contain("force");
        var agent = await _host.AgentClientAsync(clinic.Tenant);
        await Http.ProblemAsync(await agent.PostAsync($"/api/bookings/{tomorrow.Id()}/cancel", Http.Json(new { force = true })), 403);
        var forced = await clinic.Client.PostJsonAsync($"/api/bookings/{tomorrow.Id()}/cancel", new { force = true }, 200);
        forced.Text("status").Should().Be("cancelled");
        forced["cancelled_at"].Should().NotBeNull();

        // Outside the window anyone may cancel, with or without a body; cancelling twice is harmless.
        (await Http.ReadAsync(await agent.PostAsync($"/api/bookings/{later.Id()}/cancel", null), 200)).Text("status").Should().Be("cancelled");
        (await clinic.Client.PostJsonAsync($"/api/bookings/{later.Id()}/cancel", new { }, 200)).Text("status").Should().Be("cancelled");

        // Cancelled bookings no longer hold their time.
        (await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T09:00")).Text("status").Should().Be("confirmed");
        (await clinic.Client.GetJsonAsync("/api/bookings?status=cancelled"))["total"]!.GetValue<int>().Should().Be(2);
        await Http.ProblemAsync(await clinic.Client.PostAsync($"/api/bookings/{Guid.NewGuid()}/cancel", null), 404);
    }

    [Fact]
    public async Task Statuses_close_a_booking_but_a_cancelled_one_stays_cancelled()
    {
        var clinic = await _host.ClinicAsync();
        var booking = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T09:00");
        var url = $"/api/bookings/{booking.Id()}/status";
        (await clinic.Client.PostJsonAsync(url, new { status = "no_show" }, 200)).Text("status").Should().Be("no_show");
        (await clinic.Client.PostJsonAsync(url, new { status = "completed" }, 200)).Text("status").Should().Be("completed");
        await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-04T09:00"), 409);
        (await Http.ProblemAsync(await clinic.Client.PostAsync($"/api/bookings/{booking.Id()}/cancel", null), 422)).Text("detail").Should().Contain("completed");
        (await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { status = "cancelled" })), 400))["errors"]!["status"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { status = "done" })), 400))["errors"]!["status"].Should().NotBeNull();
        (await clinic.Client.PostJsonAsync(url, new { status = "confirmed" }, 200)).Text("status").Should().Be("confirmed");
        await clinic.Client.PostJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { }, 200);
        (await Http.ProblemAsync(await clinic.Client.PostAsync(url, Http.Json(new { status = "confirmed" })), 422)).Text("detail").Should().Contain("cancelled");
    }

    [Fact]
    public async Task Lists_filter_by_time_provider_status_and_contact_and_page()
    {
        var clinic = await _host.ClinicAsync();
        var a = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T09:00");
        await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-04T10:00", customer: new { name = "Luz", phone = "+573009999999" });
        await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-05T09:00");
        var d = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-06T17:30");
        await clinic.Client.PostJsonAsync($"/api/bookings/{d.Id()}/cancel", new { }, 200);

        async Task<List<string>> Starts(string query) =>
            (await clinic.Client.GetJsonAsync("/api/bookings?" + query))["items"]!.AsArray().Select(b => b!.Text("start")[..16]).ToList();
        (await Starts("")).Should().Equal("2031-03-04T09:00", "2031-03-04T10:00", "2031-03-05T09:00", "2031-03-06T17:30");
        (await Starts("from=2031-03-04&to=2031-03-04")).Should().Equal("2031-03-04T09:00", "2031-03-04T10:00");
        (await Starts("from=2031-03-04T09:30:00-05:00&to=2031-03-06")).Should().Equal("2031-03-04T10:00", "2031-03-05T09:00", "2031-03-06T17:30");
        (await Starts($"provider_id={clinic.Luis}")).Should().Equal("2031-03-04T10:00");
        (await Starts("status=cancelled")).Should().Equal("2031-03-06T17:30");
        (await Starts($"contact_id={a.Text("contact_id")}&status=confirmed")).Should().Equal("2031-03-04T09:00", "2031-03-05T09:00");

        var page = await clinic.Client.GetJsonAsync("/api/bookings?limit=3");
        page["total"]!.GetValue<int>().Should().Be(4);
        page["items"]!.AsArray().Should().HaveCount(3);
        var next = await clinic.Client.GetJsonAsync("/api/bookings?limit=3&cursor=" + Uri.EscapeDataString(page.Text("next_cursor")));
        next["items"]!.AsArray().Single()!.Text("start").Should().StartWith("2031-03-06T17:30");
        next["next_cursor"].Should().BeNull();

        (await Http.ProblemAsync(await clinic.Client.GetAsync("/api/bookings?status=maybe&provider_id=x&from=later"), 400))["errors"]!.AsObject()
            .Select(e => e.Key).Should().BeEquivalentTo("status", "provider_id", "from");
        await Http.ProblemAsync(await clinic.Client.GetAsync("/api/bookings?limit=500"), 400);
    }

    [Fact]
    public async Task The_calendar_file_describes_the_booking()
    {
        var clinic = await _host.ClinicAsync();
        var booking = await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-04T10:00", notes: "Alergia al látex; traer crema, por favor\nllega 10 min antes");
        var response = await clinic.Client.GetAsync($"/api/bookings/{booking.Id()}.ics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();
        ics.Should().StartWith("BEGIN:VCALENDAR\r\n").And.Contain("BEGIN:VEVENT\r\n").And.EndWith("END:VCALENDAR\r\n");
        ics.Should().Contain($"UID:{booking.Id()}@conversa\r\n")
            .And.Contain("DTSTAMP:20310303T150000Z\r\n")
            .And.Contain("DTSTART:20310304T150000Z\r\n")
            .And.Contain("DTEND:20310304T160000Z\r\n")
            .And.Contain("STATUS:CONFIRMED\r\n");
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.Should().Contain("SUMMARY:Limpieza facial · Tenant ")
            .And.Contain("Alergia al látex\\; traer crema\\, por favor\\nllega 10 min antes");
        ics.Split("\r\n").Should().OnlyContain(l => System.Text.Encoding.UTF8.GetByteCount(l) <= 75);

        await clinic.Client.PostJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { }, 200);
        (await clinic.Client.GetStringAsync($"/api/bookings/{booking.Id()}.ics")).Should().Contain("STATUS:CANCELLED\r\n");
        await Http.ProblemAsync(await clinic.Client.GetAsync($"/api/bookings/{Guid.NewGuid()}.ics"), 404);
    }

    [Fact]
    public async Task The_customers_reminder_is_planned_moved_and_cancelled_with_the_booking()
    {
        var clinic = await _host.ClinicAsync(new { language = "es" });
        var booking = await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-06T10:00");
        var reminder = (await clinic.ReminderAsync(booking.Id()))!;
        reminder.Status.Should().Be(ReminderStatus.Pending);
        reminder.DueAt.Should().Be(new DateTime(2031, 3, 5, 15, 0, 0, DateTimeKind.Utc), "24 hours before");
        reminder.ContactId.Should().Be(Guid.Parse(booking.Text("contact_id")));
        reminder.Text.Should().Contain("Limpieza facial").And.Contain("Dra. Ana").And.Contain("jueves 6 de marzo").And.Contain("10:00");

        await clinic.Client.PostJsonAsync($"/api/bookings/{booking.Id()}/reschedule", new { start = "2031-03-07T15:00" }, 200);
        reminder = (await clinic.ReminderAsync(booking.Id()))!;
        reminder.DueAt.Should().Be(new DateTime(2031, 3, 6, 20, 0, 0, DateTimeKind.Utc));
        reminder.Text.Should().Contain("viernes 7 de marzo").And.Contain("15:00");

        await clinic.Client.PostJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { }, 200);
        (await clinic.ReminderAsync(booking.Id()))!.Status.Should().Be(ReminderStatus.Cancelled);

        // A booking whose reminder time has already passed gets none (it would arrive right after booking).
        var soon = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-03T16:00");
        (await clinic.ReminderAsync(soon.Id())).Should().BeNull();
        // Marking it missed cancels a pending reminder; confirming it again plans it again.
        var later = await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-10T09:00");
        await clinic.Client.PostJsonAsync($"/api/bookings/{later.Id()}/status", new { status = "no_show" }, 200);
        (await clinic.ReminderAsync(later.Id()))!.Status.Should().Be(ReminderStatus.Cancelled);
        await clinic.Client.PostJsonAsync($"/api/bookings/{later.Id()}/status", new { status = "confirmed" }, 200);
        (await clinic.ReminderAsync(later.Id()))!.Status.Should().Be(ReminderStatus.Pending);
    }

    [Fact]
    public async Task Reminders_follow_the_tenants_language_and_setting()
    {
        var english = await _host.ClinicAsync(new { language = "en" }, new { reminder_minutes = 120 });
        var booking = await english.BookAsync(english.Botox, english.Ana, "2031-03-04T15:30");
        var reminder = (await english.ReminderAsync(booking.Id()))!;
        reminder.DueAt.Should().Be(new DateTime(2031, 3, 4, 18, 30, 0, DateTimeKind.Utc));
        reminder.Text.Should().StartWith("Reminder from Tenant ").And.Contain("Botox with Dra. Ana on Tuesday, March 4 at 3:30 PM");

        var portuguese = await _host.ClinicAsync(new { language = "pt" }, new { reminder_minutes = 0 });
        var none = await portuguese.BookAsync(portuguese.Botox, portuguese.Ana, "2031-03-04T15:30");
        (await portuguese.ReminderAsync(none.Id())).Should().BeNull("reminder_minutes 0 turns reminders off");
        await portuguese.Client.PatchJsonAsync("/api/tenant", new { settings = new { booking = new { reminder_minutes = 60 } } }, 200);
        var one = await portuguese.BookAsync(portuguese.Botox, portuguese.Ana, "2031-03-05T15:30");
        (await portuguese.ReminderAsync(one.Id()))!.Text.Should().Contain("Botox com Dra. Ana em quarta-feira, 5 de março às 15:30");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BookingTestsOnSqlite(SqliteFactory app) : BookingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BookingTestsOnPostgres(PostgresFactory app) : BookingTests(app);
