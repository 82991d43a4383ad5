using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

/// <summary>
/// Never double-booked: many requests at once for the same or overlapping times of one provider get exactly one
/// 201 and 409 for the rest — by the exclusion constraint on PostgreSQL, by the serialised check on SQLite.
/// </summary>
public abstract class BookingConcurrencyTests(ConversaFactory app)
{
    private const int Clients = 20;
    private readonly ClockedHost _host = ClockedHost.For(app);

    private static async Task<List<HttpStatusCode>> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await send(i);
            return response.StatusCode;
        }).ToList();
        start.Release(count);
        return (await Task.WhenAll(tasks)).ToList();
    }

    [Fact]
    public async Task Twenty_requests_for_one_slot_book_it_once()
    {
        var clinic = await _host.ClinicAsync();
        var statuses = await AllAtOnceAsync(Clients, i => clinic.PostBookingAsync(clinic.Limpieza, clinic.Ana, "2031-03-04T10:00",
            new { name = $"Cliente {i}", phone = $"+5730000000{i:00}" }));
        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1);
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(Clients - 1, string.Join(", ", statuses));
        (await clinic.Client.GetJsonAsync("/api/bookings"))["total"]!.GetValue<int>().Should().Be(1);
        // Every customer is known, winners and losers alike.
        (await clinic.Client.GetJsonAsync("/api/contacts"))["total"]!.GetValue<int>().Should().Be(Clients);
    }

    [Fact]
    public async Task Overlapping_times_and_the_same_new_customer_at_once_book_once()
    {
        var clinic = await _host.ClinicAsync();
        // Starts 10:00..10:45 for a 60-minute service (+15 buffer): every pair overlaps.
        var statuses = await AllAtOnceAsync(Clients, i =>
            clinic.PostBookingAsync(clinic.Limpieza, clinic.Ana, $"2031-03-04T10:{i % 4 * 15:00}", new { name = "Ana", phone = "+573001234567" }));
        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(Clients - 1);
        (await clinic.Client.GetJsonAsync("/api/contacts"))["total"]!.GetValue<int>().Should().Be(1, "one phone is one contact, even in a race");
    }

    [Fact]
    public async Task Requests_without_a_provider_fill_each_provider_once()
    {
        var clinic = await _host.ClinicAsync();
        var statuses = await AllAtOnceAsync(Clients, i => clinic.PostBookingAsync(clinic.Botox, null, "2031-03-04T10:00",
            new { name = $"Cliente {i}", phone = $"+5731000000{i:00}" }));
        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(2, "Dra. Ana and Dr. Luis each take one");
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(Clients - 2, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Racing_reschedules_onto_one_time_move_one_booking_and_leave_the_other_in_place()
    {
        var clinic = await _host.ClinicAsync();
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await clinic.BookAsync(clinic.Botox, clinic.Ana, $"2031-03-05T{9 + i / 2:00}:{i % 2 * 30:00}",
                customer: new { name = $"C{i}", phone = $"+5732000000{i:00}" })).Id());
        }
        var statuses = await AllAtOnceAsync(ids.Count, i =>
            clinic.Client.PostAsync($"/api/bookings/{ids[i]}/reschedule", Http.Json(new { start = "2031-03-04T10:00" })));
        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(ids.Count - 1);
        var starts = (await clinic.Client.GetJsonAsync("/api/bookings"))["items"]!.AsArray().Select(b => b!.Text("start")).ToList();
        starts.Count(s => s.StartsWith("2031-03-04T10:00", StringComparison.Ordinal)).Should().Be(1);
        starts.Count(s => s.StartsWith("2031-03-05", StringComparison.Ordinal)).Should().Be(ids.Count - 1, "the losers kept their times");
    }

    [Fact]
    public async Task New_bookings_and_a_reschedule_racing_for_one_time_book_it_once()
    {
        var clinic = await _host.ClinicAsync();
        var existing = await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-05T09:00");
        var statuses = await AllAtOnceAsync(Clients, i => i == 0
            ? clinic.Client.PostAsync($"/api/bookings/{existing.Id()}/reschedule", Http.Json(new { start = "2031-03-04T10:15" }))
            : clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-04T10:00", new { name = $"C{i}", phone = $"+5733000000{i:00}" }));
        statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.Created).Should().Be(1, string.Join(", ", statuses));
        var bookings = (await clinic.Client.GetJsonAsync("/api/bookings"))["items"]!.AsArray();
        bookings.Count(b => b!.Text("start").StartsWith("2031-03-04", StringComparison.Ordinal)).Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BookingConcurrencyTestsOnSqlite(SqliteFactory app) : BookingConcurrencyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BookingConcurrencyTestsOnPostgres(PostgresFactory app) : BookingConcurrencyTests(app);
