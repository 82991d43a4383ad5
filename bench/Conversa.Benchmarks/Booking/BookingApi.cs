using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Conversa.Benchmarks.Booking;

/// <summary>The booking calls the scenario makes, as a tenant's secret key, on a plan whose rate limit the bench never hits.</summary>
public sealed class BookingApi
{
    private const string Plan = "bench-booking";
    private readonly HttpClient _http;
    private readonly string _admin;

    private BookingApi(Uri address, HttpClient http, string admin)
    {
        Address = address;
        _http = http;
        _admin = admin;
    }

    public Uri Address { get; }

    public static async Task<BookingApi> CreateAsync(Uri address)
    {
        var http = Loopback.CreateClient(address, maxConnections: 512);
        using var client = new ConversaClient(address);
        var admin = await client.LoginAsync(ConversaApp.AdminEmail, ConversaApp.AdminPassword);
        await client.CreatePlanAsync(admin, Plan, rateLimitPerMinute: 100_000_000);
        return new BookingApi(address, http, admin);
    }

    /// <summary>A tenant in Bogotá that takes bookings from now to 90 days ahead.</summary>
    public async Task<Tenant> CreateTenantAsync(string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/tenants")
        {
            Content = JsonContent.Create(new
            {
                slug, name = "Bench " + slug, plan = Plan, timezone = "America/Bogota",
                settings = new { booking = new { min_advance_minutes = 0, max_advance_days = 90, cancellation_minutes = 0 } },
            }),
        };
        request.Headers.Authorization = new("Bearer", _admin);
        var body = await Tenant.ReadAsync(await _http.SendAsync(request));
        return new Tenant(_http, body["api_key"]!["key"]!.GetValue<string>());
    }

    public sealed class Tenant(HttpClient http, string key)
    {
        public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("X-API-Key", key);
            return request;
        }

        public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = Request(method, path, body);
            return await ReadAsync(await http.SendAsync(request));
        }

        public Task<JsonNode> GetJsonAsync(string path) => SendAsync(HttpMethod.Get, path);

        public async Task<string> CreateServiceAsync(string name, int minutes, int buffer = 0) =>
            (await SendAsync(HttpMethod.Post, "/api/services", new { name, duration_minutes = minutes, buffer_minutes = buffer }))["id"]!.GetValue<string>();

        /// <summary>A provider of the services working Monday to Saturday, 09:00-13:00 and 14:00-18:00.</summary>
        public async Task<string> CreateProviderAsync(string name, params string[] services)
        {
            var id = (await SendAsync(HttpMethod.Post, "/api/providers", new { name, service_ids = services }))["id"]!.GetValue<string>();
            var weekly = Enumerable.Range(1, 6).SelectMany(day => new[]
            {
                new { day_of_week = day, start = "09:00", end = "13:00" },
                new { day_of_week = day, start = "14:00", end = "18:00" },
            }).ToArray();
            await SendAsync(HttpMethod.Put, $"/api/providers/{id}/availability", new { weekly });
            return id;
        }

        public async Task<HttpStatusCode> BookAsync(string service, string provider, string start, object customer)
        {
            using var request = Request(HttpMethod.Post, "/api/bookings", new { service_id = service, provider_id = provider, start, customer });
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        }

        /// <summary>Confirmed bookings of the providers.</summary>
        public async Task<int> CountAsync(IEnumerable<string> providers)
        {
            var total = 0;
            foreach (var provider in providers)
            {
                total += (await GetJsonAsync($"/api/bookings?provider_id={provider}&status=confirmed&limit=1"))["total"]!.GetValue<int>();
            }
            return total;
        }

        /// <summary>Pairs of live bookings of one provider whose times overlap: the invariant the bench must not break.</summary>
        public async Task<int> DoubleBookingsAsync(IEnumerable<string> providers)
        {
            var overlaps = 0;
            foreach (var provider in providers)
            {
                var times = new List<(DateTimeOffset Start, DateTimeOffset End)>();
                string? cursor = null;
                do
                {
                    var page = await GetJsonAsync($"/api/bookings?provider_id={provider}&status=confirmed&limit=200" +
                        (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                    times.AddRange(page["items"]!.AsArray().Select(b => (
                        DateTimeOffset.Parse(b!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                        DateTimeOffset.Parse(b["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))));
                    cursor = page["next_cursor"]?.GetValue<string>();
                }
                while (cursor is not null);
                var ordered = times.OrderBy(t => t.Start).ToList();
                overlaps += ordered.Zip(ordered.Skip(1)).Count(p => p.Second.Start < p.First.End);
            }
            return overlaps;
        }

        internal static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(
                        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
                }
                return JsonNode.Parse(text)!;
            }
        }
    }
}
