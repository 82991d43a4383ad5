using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Booking;

/// <summary>
/// The app of a collection again on the same database, with a clock the booking tests move by hand. The clock is
/// years ahead of the real one, so the shared host's reminder scheduler (real clock) never finds these reminders
/// due; this host's own scheduler is off. So are its inbox and outbox workers: every claim the shared host holds looks
/// expired on this clock, so they would take over rows the shared host is still handling in other tests. Nothing run
/// through this host needs them (replies to the chat API come back in the response). One per collection: its tests
/// run one at a time and each sets the clock.
/// </summary>
public sealed class ClockedHost
{
    /// <summary>Monday 2031-03-03, 10:00 in Bogotá (the test tenants' zone).</summary>
    public static readonly DateTimeOffset Monday10 = new(2031, 3, 3, 15, 0, 0, TimeSpan.Zero);

    private static readonly ConditionalWeakTable<ConversaFactory, ClockedHost> Hosts = [];

    private ClockedHost(ConversaFactory app)
    {
        App = app;
        Host = app.WithWebHostBuilder(b => b
            .UseSetting("Conversa:Reminders:Enabled", "false")
            .UseSetting("Conversa:Inbox:Enabled", "false")
            .UseSetting("Conversa:Outbox:Enabled", "false")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public ConversaFactory App { get; }
    public TestClock Clock { get; } = new(Monday10);
    public WebApplicationFactory<Program> Host { get; }

    public static ClockedHost For(ConversaFactory app) => Hosts.GetValue(app, a => new ClockedHost(a));

    /// <summary>Another node on the same database, with caches of its own (a deleted tenant's keys are not remembered there).</summary>
    public static ClockedHost Fresh(ConversaFactory app) => new(app);

    public HttpClient KeyClient(TestTenant tenant)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);
        return client;
    }

    public async Task<HttpClient> UserClientAsync(string email, string password)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(Host.CreateClient(), email, password));
        return client;
    }

    /// <summary>A signed-in agent of the tenant (may book and read, may not manage).</summary>
    public async Task<HttpClient> AgentClientAsync(TestTenant tenant)
    {
        var email = $"agent-{Guid.NewGuid():N}@example.com";
        await KeyClient(tenant).PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password-1" }, 201);
        return await UserClientAsync(email, "agent-password-1");
    }

    /// <summary>
    /// A clinic ready to book, in Bogotá (UTC-5, no daylight saving), on a plan whose rate limit tests do not hit:
    /// "Botox" 30 min, "Limpieza facial" 60 min + 15 min buffer; Dra. Ana does both, Dr. Luis only botox;
    /// both work Monday to Saturday 09:00-13:00 and 14:00-18:00.
    /// </summary>
    public async Task<Clinic> ClinicAsync(object? tenantExtra = null, object? bookingSettings = null)
    {
        Clock.Set(Monday10);
        var tenant = await App.CreateTenantAsync(extra: Http.Merge(new
        {
            plan = "enterprise",
            settings = new { booking = bookingSettings ?? new { cancellation_minutes = 0 } },
        }, tenantExtra));
        var client = KeyClient(tenant);
        var botox = (await client.PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30, price = 250000 }, 201)).Id();
        var limpieza = (await client.PostJsonAsync("/api/services",
            new { name = "Limpieza facial", duration_minutes = 60, buffer_minutes = 15, price = 80000.5m }, 201)).Id();
        var ana = (await client.PostJsonAsync("/api/providers", new { name = "Dra. Ana", service_ids = new[] { botox, limpieza } }, 201)).Id();
        var luis = (await client.PostJsonAsync("/api/providers", new { name = "Dr. Luis", service_ids = new[] { botox } }, 201)).Id();
        foreach (var provider in new[] { ana, luis })
        {
            await client.PutJsonAsync($"/api/providers/{provider}/availability", new { weekly = MondayToSaturday(("09:00", "13:00"), ("14:00", "18:00")) }, 200);
        }
        return new Clinic(this, tenant, client, botox, limpieza, ana, luis);
    }

    public static object[] MondayToSaturday(params (string Start, string End)[] blocks) =>
        Enumerable.Range(1, 6).SelectMany(day => blocks.Select(b => (object)new { day_of_week = day, start = b.Start, end = b.End })).ToArray();
}

public sealed record Clinic(ClockedHost Host, TestTenant Tenant, HttpClient Client, string Botox, string Limpieza, string Ana, string Luis)
{
    public static object Customer(string name = "Ana Gómez", string? phone = "+57 300 123 4567", string? email = null) => new { name, phone, email };

    public async Task<JsonNode> BookAsync(string service, string? provider, string start, int expected = 201, object? customer = null, string? notes = null) =>
        await Client.PostJsonAsync("/api/bookings",
            new { service_id = service, provider_id = provider, start, customer = customer ?? Customer(), notes }, expected);

    public Task<HttpResponseMessage> PostBookingAsync(string service, string? provider, string start, object? customer = null) =>
        Client.PostAsync("/api/bookings", Http.Json(new { service_id = service, provider_id = provider, start, customer = customer ?? Customer() }));

    /// <summary>The booking's reminder row, read inside the tenant's scope as the scheduler would.</summary>
    public Task<Reminder?> ReminderAsync(string bookingId) =>
        Host.Host.Services.GetRequiredService<TenantScope>().RunDbAsync(Tenant.Id, db =>
            db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == ReminderKind.Booking && r.SourceId == Guid.Parse(bookingId)));

    public async Task<List<string>> SlotStartsAsync(string query) =>
        (await Client.GetJsonAsync("/api/availability?" + query))["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()).ToList();
}

internal static class BookingJson
{
    public static string Id(this JsonNode node) => node["id"]!.GetValue<string>();

    public static string Text(this JsonNode node, string field) => node[field]!.GetValue<string>();

    public static async Task<JsonNode> PutJsonAsync(this HttpClient client, string url, object body, int expectedStatus) =>
        await Http.ReadAsync(await client.PutAsync(url, Http.Json(body)), expectedStatus);
}
