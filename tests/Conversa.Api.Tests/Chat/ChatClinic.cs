using System.Text.Json.Nodes;
using Conversa.Api.Tests.Booking;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// A tenant set up through the API for booking by chat (services, providers with weekly hours), answered by the
/// collection's <see cref="ClockedHost"/> with its clock set to <c>now</c>, so "mañana" is a known day.
/// </summary>
public sealed record ChatClinic(ClockedHost Host, TestTenant Tenant, HttpClient Client, Dictionary<string, string> Services, Dictionary<string, string> Providers)
{
    /// <summary>Monday 2031-03-03, 10:00 in Bogotá (-05:00, no daylight saving).</summary>
    public static readonly DateTimeOffset Monday10Bogota = new(2031, 3, 3, 15, 0, 0, TimeSpan.Zero);

    public static async Task<ChatClinic> CreateAsync(
        ConversaFactory app, DateTimeOffset now, string timezone, string language,
        (string Name, int Minutes)[] services, (string Name, string[] Services)[] providers,
        object? booking = null, int[]? weekdays = null)
    {
        var host = ClockedHost.For(app);
        host.Clock.Set(now);
        var tenant = await app.CreateTenantAsync(extra: new
        {
            plan = "enterprise",
            timezone,
            language,
            settings = new { booking = booking ?? new { cancellation_minutes = 0 } },
        });
        var client = host.KeyClient(tenant);
        var serviceIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, minutes) in services)
        {
            serviceIds[name] = (await client.PostJsonAsync("/api/services", new { name, duration_minutes = minutes }, 201)).Id();
        }
        var providerIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var days = weekdays ?? [1, 2, 3, 4, 5, 6];
        var weekly = days.SelectMany(d => new object[] { new { day_of_week = d, start = "09:00", end = "13:00" }, new { day_of_week = d, start = "14:00", end = "18:00" } }).ToArray();
        foreach (var (name, performs) in providers)
        {
            var id = (await client.PostJsonAsync("/api/providers", new { name, service_ids = performs.Select(s => serviceIds[s]).ToArray() }, 201)).Id();
            await client.PutJsonAsync($"/api/providers/{id}/availability", new { weekly }, 200);
            providerIds[name] = id;
        }
        return new ChatClinic(host, tenant, client, serviceIds, providerIds);
    }

    public Task<JsonNode> SayAsync(string contact, string message) =>
        Client.PostJsonAsync("/api/chat", new { message, contact_id = contact }, 200);

    public async Task<List<JsonNode>> BookingsAsync() =>
        (await Client.GetJsonAsync("/api/bookings"))["items"]!.AsArray().Select(b => b!).ToList();

    /// <summary>A booking made at the desk for someone else (a walk-in, a phone call).</summary>
    public Task<JsonNode> BookForSomeoneElseAsync(string service, string provider, string start) =>
        Client.PostJsonAsync("/api/bookings", new
        {
            service_id = Services[service],
            provider_id = Providers[provider],
            start,
            customer = new { name = "Otra Persona", phone = "+57 300 999 8877" },
        }, 201);
}

internal static partial class ChatReplies
{
    public static List<JsonObject> Actions(this JsonNode reply, string type) =>
        reply["actions"]!.AsArray().OfType<JsonObject>().Where(a => a.Str("type") == type).ToList();
}
