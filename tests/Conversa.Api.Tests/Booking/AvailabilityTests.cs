using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

/// <summary>GET /api/availability on a clock moved by hand (see <see cref="ClockedHost"/>).</summary>
public abstract class AvailabilityTests(ConversaFactory app)
{
    private readonly ClockedHost _host = ClockedHost.For(app);

    [Fact]
    public async Task Slots_follow_hours_bookings_and_buffers_with_the_zones_offset()
    {
        var clinic = await _host.ClinicAsync();
        var body = await clinic.Client.GetJsonAsync($"/api/availability?service_id={clinic.Limpieza}&provider_id={clinic.Ana}&from=2031-03-04&to=2031-03-04");
        var slots = body["slots"]!.AsArray();
        slots[0]!.Text("start").Should().Be("2031-03-04T09:00:00-05:00");
        slots[0]!.Text("end").Should().Be("2031-03-04T10:00:00-05:00");
        slots[0]!.Text("provider_id").Should().Be(clinic.Ana);
        slots[0]!.Text("provider_name").Should().Be("Dra. Ana");
        // 09:00..12:00 and 14:00..17:00 every 15 minutes.
        slots.Should().HaveCount(26);
        body.Text("from").Should().Be("2031-03-04T00:00:00-05:00");
        body.Text("to").Should().Be("2031-03-05T00:00:00-05:00");

        // A limpieza 10:00-11:00 keeps 11:00-11:15 free too; a new one also needs its own 15 minutes before the next.
        await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-04T10:00");
        var after = await clinic.SlotStartsAsync($"service_id={clinic.Limpieza}&provider_id={clinic.Ana}&from=2031-03-04&to=2031-03-04");
        after.Where(s => s.StartsWith("2031-03-04T0", StringComparison.Ordinal) || s.StartsWith("2031-03-04T1", StringComparison.Ordinal))
            .Should().StartWith(["2031-03-04T11:15:00-05:00", "2031-03-04T11:30:00-05:00"]);
        after.Should().NotContain(["2031-03-04T09:00:00-05:00", "2031-03-04T09:45:00-05:00", "2031-03-04T10:00:00-05:00", "2031-03-04T11:00:00-05:00"]);
        // Botox (30 min, no buffer) fits 09:00-09:30 and 09:30-10:00 before it.
        var botox = await clinic.SlotStartsAsync($"service_id={clinic.Botox}&provider_id={clinic.Ana}&from=2031-03-04&to=2031-03-04");
        botox.Should().StartWith(["2031-03-04T09:00:00-05:00", "2031-03-04T09:15:00-05:00", "2031-03-04T09:30:00-05:00", "2031-03-04T11:15:00-05:00"]);
    }

    [Fact]
    public async Task Without_a_provider_every_active_provider_of_the_service_is_merged_by_start()
    {
        var clinic = await _host.ClinicAsync();
        await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-04T09:00");
        var slots = (await clinic.Client.GetJsonAsync($"/api/availability?service_id={clinic.Botox}&from=2031-03-04T09:00&to=2031-03-04T09:45"))["slots"]!
            .AsArray().Select(s => $"{s!.Text("start")[11..16]} {s!.Text("provider_name")}").ToList();
        slots.Should().Equal("09:00 Dra. Ana", "09:15 Dra. Ana", "09:30 Dr. Luis", "09:30 Dra. Ana");
        // Only Ana does limpiezas.
        (await clinic.Client.GetJsonAsync($"/api/availability?service_id={clinic.Limpieza}&from=2031-03-04&to=2031-03-04"))["slots"]!.AsArray()
            .Should().OnlyContain(s => s!.Text("provider_id") == clinic.Ana);
    }

    [Fact]
    public async Task The_policy_window_moves_with_the_clock()
    {
        var clinic = await _host.ClinicAsync(bookingSettings: new { min_advance_minutes = 120, max_advance_days = 2, slot_step_minutes = 30 });
        // Monday 10:00: the first start is 12:00, steps are 30 minutes, and nothing is offered beyond Wednesday 10:00.
        var today = await clinic.SlotStartsAsync($"service_id={clinic.Botox}&provider_id={clinic.Ana}&from=2031-03-03&to=2031-03-06");
        today.First().Should().Be("2031-03-03T12:00:00-05:00");
        today.Last().Should().Be("2031-03-05T10:00:00-05:00");
        today.Should().OnlyContain(s => s.EndsWith(":00:00-05:00", StringComparison.Ordinal) || s.EndsWith(":30:00-05:00", StringComparison.Ordinal));

        _host.Clock.Advance(TimeSpan.FromHours(3)); // 13:00
        (await clinic.SlotStartsAsync($"service_id={clinic.Botox}&provider_id={clinic.Ana}&from=2031-03-03&to=2031-03-03"))
            .Should().StartWith("2031-03-03T15:00:00-05:00").And.NotContain("2031-03-03T12:30:00-05:00");
        await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-03T14:30"), 422);
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-06T09:00"), 422)).Text("detail").Should().Contain("2 days");
        // The default range is now .. +7 days.
        (await clinic.Client.GetJsonAsync($"/api/availability?service_id={clinic.Botox}")).Text("from").Should().Be("2031-03-03T13:00:00-05:00");
    }

    [Fact]
    public async Task Ranges_are_checked()
    {
        var clinic = await _host.ClinicAsync();
        var query = $"/api/availability?service_id={clinic.Botox}";
        (await clinic.Client.GetJsonAsync(query + "&from=2031-03-03&to=2031-04-02"))["slots"]!.AsArray().Should().NotBeEmpty("31 days");
        (await Http.ProblemAsync(await clinic.Client.GetAsync(query + "&from=2031-03-03&to=2031-04-03"), 422))["errors"]!["to"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync(query + "&from=2031-03-05&to=2031-03-04T10:00"), 422))["errors"]!["to"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync(query + "&from=soon"), 422))["errors"]!["from"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync("/api/availability"), 400))["errors"]!["service_id"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync("/api/availability?service_id=x&provider_id=y"), 400))["errors"]!.AsObject()
            .Select(e => e.Key).Should().BeEquivalentTo("service_id", "provider_id");
        (await Http.ProblemAsync(await clinic.Client.GetAsync($"/api/availability?service_id={Guid.NewGuid()}"), 422))["errors"]!["service_id"]
            .Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync($"{query}&provider_id={Guid.NewGuid()}"), 422))["errors"]!["provider_id"].Should().NotBeNull();
        (await Http.ProblemAsync(await clinic.Client.GetAsync($"/api/availability?service_id={clinic.Limpieza}&provider_id={clinic.Luis}"), 422))
            .Text("detail").Should().Contain("does not perform");
        // A date given to a timestamp field, and timestamps with offsets, both work.
        (await clinic.SlotStartsAsync($"service_id={clinic.Botox}&provider_id={clinic.Ana}&from=2031-03-04T16:45:00-05:00&to=2031-03-04T17:31:00-05:00"))
            .Should().Equal("2031-03-04T16:45:00-05:00", "2031-03-04T17:00:00-05:00", "2031-03-04T17:15:00-05:00", "2031-03-04T17:30:00-05:00");
    }

    [Fact]
    public async Task Daylight_saving_days_in_madrid_have_no_phantom_or_doubled_slots()
    {
        var clinic = await _host.ClinicAsync(new { timezone = "Europe/Madrid" });
        _host.Clock.Set(new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero));
        var night = (await clinic.Client.PostJsonAsync("/api/providers", new { name = "Guardia", service_ids = new[] { clinic.Limpieza } }, 201)).Id();
        await clinic.Client.PutJsonAsync($"/api/providers/{night}/availability", new { weekly = new[] { new { day_of_week = 7, start = "01:00", end = "04:00" } } }, 200);
        var query = $"service_id={clinic.Limpieza}";

        // 2026-03-29: 02:00 becomes 03:00. Slots stay on the wall clock and skip the hour that does not exist.
        var spring = await clinic.SlotStartsAsync($"{query}&provider_id={night}&from=2026-03-29&to=2026-03-29");
        spring.Should().Equal(
            "2026-03-29T01:00:00+01:00", "2026-03-29T01:15:00+01:00", "2026-03-29T01:30:00+01:00", "2026-03-29T01:45:00+01:00",
            "2026-03-29T03:00:00+02:00");

        _host.Clock.Set(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero));
        // 2026-10-25: 03:00 goes back to 02:00; the block lasts four real hours and 02:xx is offered once.
        var autumn = await clinic.SlotStartsAsync($"{query}&provider_id={night}&from=2026-10-25&to=2026-10-25");
        autumn.Should().OnlyHaveUniqueItems();
        autumn.Should().StartWith("2026-10-25T01:00:00+02:00").And.EndWith("2026-10-25T03:00:00+01:00")
            .And.Contain("2026-10-25T02:45:00+02:00").And.NotContain("2026-10-25T02:00:00+01:00");
        var booked = await clinic.BookAsync(clinic.Limpieza, night, "2026-10-25T02:30:00+02:00");
        booked.Text("end").Should().Be("2026-10-25T02:30:00+01:00", "60 real minutes after 02:30 summer time");
    }

    [Fact]
    public async Task A_block_across_two_oclock_in_new_york_keeps_real_minutes()
    {
        var clinic = await _host.ClinicAsync(new { timezone = "America/New_York" });
        _host.Clock.Set(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var night = (await clinic.Client.PostJsonAsync("/api/providers", new { name = "Noche", service_ids = new[] { clinic.Limpieza } }, 201)).Id();
        await clinic.Client.PutJsonAsync($"/api/providers/{night}/availability", new { weekly = new[] { new { day_of_week = 7, start = "00:00", end = "04:00" } } }, 200);
        var slots = await clinic.SlotStartsAsync($"service_id={clinic.Limpieza}&provider_id={night}&from=2026-03-08&to=2026-03-08");
        slots.Should().NotContain(s => s.Contains("T02:", StringComparison.Ordinal));
        slots.Should().StartWith("2026-03-08T00:00:00-05:00").And.EndWith("2026-03-08T03:00:00-04:00");
        // 01:30 EST + 60 minutes is 03:30 EDT, inside the block; the provider is then taken until 03:45 EDT (buffer).
        var booked = await clinic.BookAsync(clinic.Limpieza, night, "2026-03-08T01:30");
        booked.Text("start").Should().Be("2026-03-08T01:30:00-05:00");
        booked.Text("end").Should().Be("2026-03-08T03:30:00-04:00");
        (await clinic.SlotStartsAsync($"service_id={clinic.Limpieza}&provider_id={night}&from=2026-03-08&to=2026-03-08"))
            .Should().Equal("2026-03-08T00:00:00-05:00", "2026-03-08T00:15:00-05:00");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AvailabilityTestsOnSqlite(SqliteFactory app) : AvailabilityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AvailabilityTestsOnPostgres(PostgresFactory app) : AvailabilityTests(app);
