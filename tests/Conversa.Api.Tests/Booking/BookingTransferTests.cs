using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;

namespace Conversa.Api.Tests.Booking;

/// <summary>Booking data travels with a tenant's export and import (TenantTransfer is generic over tenant tables).</summary>
public abstract class BookingTransferTests(ConversaFactory app)
{
    private readonly ClockedHost _host = ClockedHost.For(app);

    [Fact]
    public async Task Export_then_import_keeps_services_providers_hours_contacts_bookings_and_reminders()
    {
        var clinic = await _host.ClinicAsync();
        await clinic.Client.PutJsonAsync($"/api/providers/{clinic.Ana}/availability", new
        {
            weekly = ClockedHost.MondayToSaturday(("09:00", "13:00")),
            exceptions = new object[] { new { date = "2031-03-07", closed = true } },
        }, 200);
        var kept = await clinic.BookAsync(clinic.Limpieza, clinic.Ana, "2031-03-05T10:00", notes: "nota");
        var cancelled = await clinic.BookAsync(clinic.Botox, clinic.Luis, "2031-03-05T11:00", customer: new { name = "Luz", email = "luz@example.com" });
        await clinic.Client.PostJsonAsync($"/api/bookings/{cancelled.Id()}/cancel", new { }, 200);

        var admin = await app.AdminClientAsync();
        var export = await admin.GetAsync($"/api/admin/tenants/{clinic.Tenant.Slug}/export");
        var document = await export.Content.ReadAsStringAsync();
        export.StatusCode.Should().Be(HttpStatusCode.OK, document);

        // Beside the original, under another slug: every row gets a new id, references follow.
        var copySlug = "bk-" + Guid.NewGuid().ToString("N")[..10];
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copySlug}", Http.Raw(document)), 201);
        var counts = imported["imported"]!;
        counts["services"]!.GetValue<int>().Should().Be(2);
        counts["providers"]!.GetValue<int>().Should().Be(2);
        counts["provider_services"]!.GetValue<int>().Should().Be(3);
        counts["contacts"]!.GetValue<int>().Should().Be(2);
        counts["bookings"]!.GetValue<int>().Should().Be(2);
        var copy = await app.AdminClientAsync();
        copy.DefaultRequestHeaders.Add("X-Tenant-ID", copySlug);
        var copied = (await copy.GetJsonAsync("/api/bookings"))["items"]!.AsArray();
        copied.Select(b => (b!.Text("service_name"), b!.Text("provider_name"), b!.Text("start"), b!.Text("status"), b!["customer"]!.Text("name")))
            .Should().Equal(
                ("Limpieza facial", "Dra. Ana", "2031-03-05T10:00:00-05:00", "confirmed", "Ana Gómez"),
                ("Botox", "Dr. Luis", "2031-03-05T11:00:00-05:00", "cancelled", "Luz"));
        copied[0]!.Id().Should().NotBe(kept.Id());
        var copiedAna = copied[0]!.Text("provider_id");
        (await copy.GetJsonAsync($"/api/providers/{copiedAna}/availability"))["exceptions"]![0]!.Text("date").Should().Be("2031-03-07");
        (await copy.GetJsonAsync($"/api/contacts/{copied[0]!.Text("contact_id")}"))["bookings"]!.AsArray().Should().ContainSingle();

        // Deleting the original cascades through its bookings; importing it in place restores its keys and its booked times.
        (await admin.DeleteAsync($"/api/admin/tenants/{clinic.Tenant.Slug}?confirm={clinic.Tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var restored = await Http.ReadAsync(await admin.PostAsync("/api/admin/tenants/import", Http.Raw(document)), 201);
        var tenant = clinic.Tenant with { Id = Guid.Parse(restored["tenant"]!.Id()) };
        // This host remembers the deleted tenant's keys for a while (per-node caches); another node reads the database afresh.
        var node = ClockedHost.Fresh(app);
        var client = node.KeyClient(tenant);
        var booking = (await client.GetJsonAsync("/api/bookings?status=confirmed"))["items"]![0]!;
        var restoredClinic = clinic with { Host = node, Tenant = tenant, Client = client, Ana = booking.Text("provider_id"), Limpieza = booking.Text("service_id") };
        await Http.ProblemAsync(await restoredClinic.PostBookingAsync(restoredClinic.Limpieza, restoredClinic.Ana, "2031-03-05T10:30"), 409);
        (await restoredClinic.SlotStartsAsync($"service_id={restoredClinic.Limpieza}&provider_id={restoredClinic.Ana}&from=2031-03-05&to=2031-03-05"))
            .Should().NotContain("2031-03-05T10:00:00-05:00").And.Contain("2031-03-05T11:15:00-05:00");
        var reminder = (await restoredClinic.ReminderAsync(booking.Id()))!;
        reminder.Kind.Should().Be(ReminderKind.Booking);
        reminder.ContactId.Should().Be(Guid.Parse(booking.Text("contact_id")));
        reminder.DueAt.Should().Be(new DateTime(2031, 3, 4, 15, 0, 0, DateTimeKind.Utc));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BookingTransferTestsOnSqlite(SqliteFactory app) : BookingTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BookingTransferTestsOnPostgres(PostgresFactory app) : BookingTransferTests(app);
