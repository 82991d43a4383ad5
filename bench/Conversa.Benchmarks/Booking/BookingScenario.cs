using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Core.Booking;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Benchmarks.Booking;

/// <summary>
/// Booking's two costs. Availability: free slots of one provider over a month that is ~60% booked, by the pure
/// calculator in process and through <c>GET /api/availability</c> on SQLite (p50/p99 over many runs). Contention:
/// many clients at once booking overlapping times through loopback HTTP, counting 201s and 409s per second, next
/// to bare Kestrel measured in the same run.
/// </summary>
public static class BookingScenario
{
    private const int CalculatorRuns = 5_000;
    private const int HttpRuns = 1_000;
    private const int SpreadProviders = 20;
    private const int Customers = 1_000;
    private static readonly DateTimeZone Zone = ZonedTime.Zone("America/Bogota");
    private static readonly (string Start, string End)[] Blocks = [("09:00", "13:00"), ("14:00", "18:00")];

    public static async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"## booking (concurrency {options.Concurrency}, {options.Duration.TotalSeconds:F0} s per load run; {MachineLoad.Describe()})");
        Calculator();
        await using var bare = await BareKestrel.StartAsync();
        await using var app = ConversaApp.Start();
        var api = await BookingApi.CreateAsync(app.Address);
        await AvailabilityOverHttpAsync(api, options);
        await ContentionAsync(api, bare, options);
        Console.WriteLine($"({MachineLoad.Describe()})");
        Console.WriteLine();
    }

    /// <summary>The pure slot finder: one provider, Monday-Saturday 09-13 and 14-18, 31 days, ~60% booked.</summary>
    private static void Calculator()
    {
        var hours = Hours();
        var firstDay = new LocalDate(2031, 3, 3);
        var busy = MonthOfBookings(firstDay, new Random(7)).Select(b =>
        {
            var start = SlotFinder.Resolve(Zone, b.Date + b.Start);
            return new Interval(start, start + Duration.FromMinutes(45));
        }).ToList();
        var search = new SlotSearch(hours, Zone, Duration.FromMinutes(30), Duration.Zero, Duration.FromMinutes(15),
            Zone.AtStartOfDay(firstDay).ToInstant(), Zone.AtStartOfDay(firstDay.PlusDays(31)).ToInstant(), busy);
        var json = hours.ToJson();
        var slots = 0;
        for (var warm = 0; warm < 200; warm++)
        {
            slots = SlotFinder.FreeSlots(search with { Hours = WorkingHours.FromJson(json) }).Count;
        }
        var pure = new double[CalculatorRuns];
        var withParse = new double[CalculatorRuns];
        for (var i = 0; i < CalculatorRuns; i++)
        {
            var timer = Stopwatch.StartNew();
            SlotFinder.FreeSlots(search);
            pure[i] = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            SlotFinder.FreeSlots(search with { Hours = WorkingHours.FromJson(json) });
            withParse[i] = timer.Elapsed.TotalMilliseconds;
        }
        Console.WriteLine();
        Console.WriteLine($"availability, pure calculator: 1 provider, 31 days, {busy.Count} bookings, {slots} free 30-minute slots; {CalculatorRuns:N0} runs");
        Console.WriteLine("| run | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(Row("SlotFinder.FreeSlots", pure));
        Console.WriteLine(Row("hours read from JSON + FreeSlots (what a request does per provider)", withParse));
    }

    /// <summary>The same month through HTTP: the bookings are real rows, the hours a real provider's.</summary>
    private static async Task AvailabilityOverHttpAsync(BookingApi api, BenchOptions options)
    {
        var tenant = await api.CreateTenantAsync("bench-availability");
        var service = await tenant.CreateServiceAsync("Consulta", 30);
        var withBuffer = await tenant.CreateServiceAsync("Limpieza", 30, buffer: 15);
        var provider = await tenant.CreateProviderAsync("Dra. Ana", service, withBuffer);
        var firstDay = Today().PlusDays(1);
        var booked = 0;
        var setUp = new List<double>();
        foreach (var (date, start) in MonthOfBookings(firstDay, new Random(7)))
        {
            var timer = Stopwatch.StartNew();
            var status = await tenant.BookAsync(withBuffer, provider, Local(date, start), Customer(booked));
            setUp.Add(timer.Elapsed.TotalMilliseconds);
            booked += status == HttpStatusCode.Created ? 1 : throw new InvalidOperationException($"set-up booking answered {status}");
        }
        var query = $"/api/availability?service_id={service}&provider_id={provider}&from={Date(firstDay)}&to={Date(firstDay.PlusDays(30))}";
        var slots = (await tenant.GetJsonAsync(query))["slots"]!.AsArray().Count;
        for (var warm = 0; warm < 50; warm++)
        {
            await tenant.GetJsonAsync(query);
        }
        var latencies = new double[HttpRuns];
        for (var i = 0; i < HttpRuns; i++)
        {
            var timer = Stopwatch.StartNew();
            await tenant.GetJsonAsync(query);
            latencies[i] = timer.Elapsed.TotalMilliseconds;
        }
        using var load = new LoadGenerator(api.Address, options.Concurrency, () => tenant.Request(HttpMethod.Get, query));
        await load.WarmUpAsync(TimeSpan.FromSeconds(1));
        var loaded = await load.RunAsync("availability", options.Duration);

        Console.WriteLine();
        Console.WriteLine($"availability over HTTP (SQLite): GET /api/availability for 31 days of 1 provider with {booked} bookings, {slots} slots in the answer");
        Console.WriteLine("| run | req/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| one client, {HttpRuns:N0} sequential requests | {HttpRuns / (latencies.Sum() / 1000):F0} | {Percentile(latencies, 0.5):F2} | {Percentile(latencies, 0.99):F2} | 0 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Concurrency} clients, {options.Duration.TotalSeconds:F0} s | {loaded.RequestsPerSecond:F0} | {loaded.P50Ms:F2} | {loaded.P99Ms:F2} | {loaded.Errors} |"));
        var times = setUp.ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(set-up: {booked} POST /api/bookings one after another, no contention: p50 {Percentile(times, 0.5):F2} ms, p99 {Percentile(times, 0.99):F2} ms)"));
    }

    /// <summary>
    /// Clients book at once, each request a random working start: "spread" over 20 providers and 31 days (collisions
    /// grow as the month fills), and "hot" on one provider's single day (after ~16 bookings nearly every answer is 409).
    /// </summary>
    private static async Task ContentionAsync(BookingApi api, BareKestrel bare, BenchOptions options)
    {
        var tenant = await api.CreateTenantAsync("bench-contention");
        var service = await tenant.CreateServiceAsync("Botox", 30);
        var providers = new List<string>();
        for (var i = 0; i < SpreadProviders; i++)
        {
            providers.Add(await tenant.CreateProviderAsync($"Provider {i:00}", service));
        }
        var hot = await tenant.CreateProviderAsync("Hot", service);
        var firstDay = Today().PlusDays(1);
        var days = Enumerable.Range(0, 31).Select(firstDay.PlusDays).Where(d => d.DayOfWeek != IsoDayOfWeek.Sunday).ToList();
        var starts = Blocks.SelectMany(b => Times(b.Start, b.End, 30)).ToList();

        using var baseline = new LoadGenerator(bare.Address, options.Concurrency, () => Requests.Get("/health"));
        await baseline.WarmUpAsync(TimeSpan.FromSeconds(1));
        var kestrel = await baseline.RunAsync("bare Kestrel GET /health", options.Duration);

        var spread = await ContendAsync(tenant, options, random =>
            (providers[random.Next(providers.Count)], Local(days[random.Next(days.Count)], starts[random.Next(starts.Count)])), service);
        var hotDay = days[0];
        var hotRun = await ContendAsync(tenant, options, random => (hot, Local(hotDay, starts[random.Next(starts.Count)])), service);

        Console.WriteLine();
        Console.WriteLine($"booking under contention (SQLite, {options.Concurrency} clients, {options.Duration.TotalSeconds:F0} s each, random customers of {Customers:N0}):");
        Console.WriteLine("| run | requests/s | 201/s | 409/s | other | p50 ms | p99 ms | p99 of 201 | p99 of 409 | bookings held |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| bare Kestrel GET /health (baseline) | {kestrel.RequestsPerSecond:F0} | - | - | {kestrel.Errors} | {kestrel.P50Ms:F2} | {kestrel.P99Ms:F2} | - | - | - |"));
        Console.WriteLine(spread.Row($"spread: {SpreadProviders} providers × {days.Count} days", await tenant.CountAsync(providers)));
        Console.WriteLine(hotRun.Row("hot: 1 provider, 1 day", await tenant.CountAsync([hot])));
        var doubles = await tenant.DoubleBookingsAsync([.. providers, hot]);
        Console.WriteLine($"overlapping live bookings found afterwards: {doubles} (must be 0)");
    }

    private static async Task<ContentionResult> ContendAsync(
        BookingApi.Tenant tenant, BenchOptions options, Func<Random, (string Provider, string Start)> pick, string service)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, options.Concurrency).Select(i => Task.Run(async () =>
        {
            var random = new Random(1000 + i);
            var samples = new List<(HttpStatusCode Status, double Ms)>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var (provider, start) = pick(random);
                var timer = Stopwatch.StartNew();
                var status = await tenant.BookAsync(service, provider, start, Customer(random.Next(Customers)));
                samples.Add((status, timer.Elapsed.TotalMilliseconds));
            }
            return samples;
        })).ToList();
        var started = Stopwatch.GetTimestamp();
        var all = (await Task.WhenAll(workers)).SelectMany(s => s).ToList();
        return new ContentionResult(all, Stopwatch.GetElapsedTime(started));
    }

    private sealed record ContentionResult(List<(HttpStatusCode Status, double Ms)> Samples, TimeSpan Elapsed)
    {
        public string Row(string name, int held)
        {
            var seconds = Elapsed.TotalSeconds;
            var created = Samples.Where(s => s.Status == HttpStatusCode.Created).Select(s => s.Ms).ToArray();
            var conflicts = Samples.Where(s => s.Status == HttpStatusCode.Conflict).Select(s => s.Ms).ToArray();
            var other = Samples.Count - created.Length - conflicts.Length;
            var times = Samples.Select(s => s.Ms).ToArray();
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Samples.Count / seconds:F0} | {created.Length / seconds:F0} | {conflicts.Length / seconds:F0} | {other} | " +
                $"{Percentile(times, 0.5):F2} | {Percentile(times, 0.99):F2} | {Percentile(created, 0.99):F2} | {Percentile(conflicts, 0.99):F2} | {held} |");
        }
    }

    /// <summary>
    /// A month of 45-minute bookings (30 minutes + 15 of buffer) from <paramref name="firstDay"/>: each free quarter hour starts one
    /// with probability 1/3, which keeps about 60% of the working time taken.
    /// </summary>
    private static List<(LocalDate Date, LocalTime Start)> MonthOfBookings(LocalDate firstDay, Random random)
    {
        var bookings = new List<(LocalDate, LocalTime)>();
        for (var date = firstDay; date < firstDay.PlusDays(31); date = date.PlusDays(1))
        {
            if (date.DayOfWeek == IsoDayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var (startText, endText) in Blocks)
            {
                var (t, end) = (Time(startText), Time(endText));
                while (t.PlusMinutes(30) <= end && t.PlusMinutes(30) > t)
                {
                    if (random.NextDouble() < 1.0 / 3)
                    {
                        bookings.Add((date, t));
                        t = t.PlusMinutes(45);
                    }
                    else
                    {
                        t = t.PlusMinutes(15);
                    }
                }
            }
        }
        return bookings;
    }

    private static WorkingHours Hours()
    {
        var input = new WorkingHoursInput(
            Enumerable.Range(1, 6).SelectMany(day => Blocks.Select(b => new WeeklyBlockInput(day, b.Start, b.End))).ToList(), []);
        input.Validate(out var hours);
        return hours!;
    }

    private static IEnumerable<LocalTime> Times(string start, string end, int length)
    {
        for (var t = Time(start); t.PlusMinutes(length) <= Time(end); t = t.PlusMinutes(15))
        {
            yield return t;
        }
    }

    private static LocalTime Time(string text) => NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(text).Value;

    private static LocalDate Today() => SystemClock.Instance.GetCurrentInstant().InZone(Zone).Date;

    private static string Date(LocalDate date) => ZonedTime.FormatDate(date);

    private static string Local(LocalDate date, LocalTime time) => $"{Date(date)}T{WorkingHours.Format(time)}";

    private static object Customer(int i) => new { name = $"Cliente {i}", phone = $"+5730{i:00000000}" };

    private static string Row(string name, double[] ms) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(ms, 0.5):F3} | {Percentile(ms, 0.99):F3} |");

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
