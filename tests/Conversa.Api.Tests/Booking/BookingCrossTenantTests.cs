using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

/// <summary>Another tenant's services, providers, bookings and contacts are never found, changed, listed or booked.</summary>
public abstract class BookingCrossTenantTests(ConversaFactory app)
{
    private readonly ClockedHost _host = ClockedHost.For(app);

    [Fact]
    public async Task Another_tenants_booking_data_is_not_found_by_id()
    {
        var a = await _host.ClinicAsync();
        var b = await _host.ClinicAsync();
        var bBooking = await b.BookAsync(b.Botox, b.Ana, "2031-03-04T10:00", customer: new { name = "Secreto de B", phone = "+573005550000" });
        var bContact = bBooking.Text("contact_id");

        foreach (var url in new[]
        {
            $"/api/services/{b.Botox}", $"/api/providers/{b.Ana}", $"/api/providers/{b.Ana}/availability", $"/api/bookings/{bBooking.Id()}",
            $"/api/bookings/{bBooking.Id()}.ics", $"/api/contacts/{bContact}",
        })
        {
            await Http.ProblemAsync(await a.Client.GetAsync(url), 404);
        }
        await Http.ProblemAsync(await a.Client.PutAsync($"/api/services/{b.Botox}", Http.Json(new { name = "x", duration_minutes = 30 })), 404);
        await Http.ProblemAsync(await a.Client.DeleteAsync($"/api/services/{b.Botox}"), 404);
        await Http.ProblemAsync(await a.Client.PutAsync($"/api/providers/{b.Ana}", Http.Json(new { name = "x" })), 404);
        await Http.ProblemAsync(await a.Client.PutAsync($"/api/providers/{b.Ana}/availability", Http.Json(new { weekly = Array.Empty<object>() })), 404);
        await Http.ProblemAsync(await a.Client.DeleteAsync($"/api/providers/{b.Ana}"), 404);
        await Http.ProblemAsync(await a.Client.PostAsync($"/api/bookings/{bBooking.Id()}/cancel", Http.Json(new { force = true })), 404);
        await Http.ProblemAsync(await a.Client.PostAsync($"/api/bookings/{bBooking.Id()}/reschedule", Http.Json(new { start = "2031-03-04T11:00" })), 404);
        await Http.ProblemAsync(await a.Client.PostAsync($"/api/bookings/{bBooking.Id()}/status", Http.Json(new { status = "no_show" })), 404);

        foreach (var list in new[] { "/api/services?active=all", "/api/providers?active=all", "/api/bookings", "/api/contacts", "/api/contacts?q=secreto" })
        {
            var text = await (await a.Client.GetAsync(list)).Content.ReadAsStringAsync();
            text.Should().NotContain(b.Botox).And.NotContain(b.Ana).And.NotContain("Secreto");
        }
        (await a.Client.GetJsonAsync($"/api/bookings?contact_id={bContact}"))["total"]!.GetValue<int>().Should().Be(0);
        (await a.Client.GetJsonAsync($"/api/bookings?provider_id={b.Ana}"))["total"]!.GetValue<int>().Should().Be(0);

        var untouched = await b.Client.GetJsonAsync($"/api/bookings/{bBooking.Id()}");
        untouched.Text("status").Should().Be("confirmed");
        untouched.Text("start").Should().Be("2031-03-04T10:00:00-05:00");
        (await b.Client.GetJsonAsync($"/api/services/{b.Botox}")).Text("name").Should().Be("Botox");
    }

    [Fact]
    public async Task Nobody_books_or_reads_availability_against_another_tenants_service_or_provider()
    {
        var a = await _host.ClinicAsync();
        var b = await _host.ClinicAsync();
        (await Http.ProblemAsync(await a.PostBookingAsync(b.Botox, null, "2031-03-04T10:00"), 422))["errors"]!["service_id"].Should().NotBeNull();
        (await Http.ProblemAsync(await a.PostBookingAsync(a.Botox, b.Ana, "2031-03-04T10:00"), 422))["errors"]!["provider_id"].Should().NotBeNull();
        (await Http.ProblemAsync(await a.PostBookingAsync(b.Botox, b.Ana, "2031-03-04T10:00"), 422))["errors"]!["service_id"].Should().NotBeNull();
        await Http.ProblemAsync(await a.Client.GetAsync($"/api/availability?service_id={b.Botox}"), 422);
        await Http.ProblemAsync(await a.Client.GetAsync($"/api/availability?service_id={a.Botox}&provider_id={b.Ana}"), 422);
        (await b.Client.GetJsonAsync("/api/bookings"))["total"]!.GetValue<int>().Should().Be(0);

        // The same time with each tenant's own Dra. Ana is two bookings: providers are per tenant.
        await a.BookAsync(a.Botox, a.Ana, "2031-03-04T10:00");
        await b.BookAsync(b.Botox, b.Ana, "2031-03-04T10:00");
        // A customer with the same phone in two tenants is two contacts.
        (await a.Client.GetJsonAsync("/api/contacts"))["items"]![0]!.Id().Should().NotBe((await b.Client.GetJsonAsync("/api/contacts"))["items"]![0]!.Id());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BookingCrossTenantTestsOnSqlite(SqliteFactory app) : BookingCrossTenantTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BookingCrossTenantTestsOnPostgres(PostgresFactory app) : BookingCrossTenantTests(app);
