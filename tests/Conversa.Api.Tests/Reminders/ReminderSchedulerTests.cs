using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Reminders;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Reminders;

/// <summary>
/// The scheduler on a moved-by-hand clock. The clock starts years ahead so the shared test host's own
/// scheduler (on the real clock) never finds these reminders due.
/// </summary>
public abstract class ReminderSchedulerTests(ConversaFactory app) : IDisposable
{
    private readonly TestClock _clock = new(new DateTimeOffset(2031, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingOutbox _outbox = new();
    private WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .UseSetting("Conversa:Reminders:Enabled", "false")
        .UseSetting("Conversa:Reminders:BatchSize", "7")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<Conversa.Infrastructure.Outbound.IOutbox>(_outbox)));

    private ReminderDispatcher Dispatcher => Host.Services.GetRequiredService<ReminderDispatcher>();

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<Guid> PlanAsync(TestTenant tenant, ReminderKind kind, TimeSpan dueIn, Guid? userId = null, Guid? sourceId = null)
    {
        var source = sourceId ?? Guid.NewGuid();
        await Host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var due = _clock.GetUtcNow() + dueIn;
            await services.GetRequiredService<ReminderPlanner>().PlanAsync(
                new ReminderPlan(kind, source, due, due.AddHours(1), $"Recordatorio {source}", userId), CancellationToken.None);
            await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return true;
        });
        return source;
    }

    private Task<List<Reminder>> RemindersAsync(TestTenant tenant) =>
        Host.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, db => db.Reminders.AsNoTracking().OrderBy(r => r.DueAt).ToListAsync());

    /// <summary>
    /// Runs the scheduler until nothing is due and answers how many of this tenant's reminders it handed over
    /// (the collection's database also holds other tests' tenants, whose reminders may come due too).
    /// </summary>
    private async Task<int> DrainAsync(TestTenant tenant)
    {
        var before = _outbox.Count((await RemindersAsync(tenant)).Select(r => r.Id));
        while (await Dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }
        return _outbox.Count((await RemindersAsync(tenant)).Select(r => r.Id)) - before;
    }

    private HttpClient Client(TestTenant tenant)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);
        return client;
    }

    [Fact]
    public async Task A_reminder_goes_out_once_when_due_and_is_listed_as_sent_to_the_log_channel()
    {
        var tenant = await app.CreateTenantAsync();
        var source = await PlanAsync(tenant, ReminderKind.Task, TimeSpan.FromMinutes(10));

        (await DrainAsync(tenant)).Should().Be(0, "nothing is due yet");
        var pending = await Client(tenant).GetJsonAsync("/api/reminders?status=pending");
        pending["total"]!.GetValue<int>().Should().Be(1);
        var item = pending["items"]![0]!;
        item["kind"]!.GetValue<string>().Should().Be("task");
        item["source_id"]!.GetValue<string>().Should().Be(source.ToString());
        item["due_at"]!.GetValue<string>().Should().Be("2031-03-02T04:10:00-05:00", "times carry the tenant's offset (America/Bogota)");
        item["status"]!.GetValue<string>().Should().Be("pending");

        _clock.Advance(TimeSpan.FromMinutes(11));
        (await DrainAsync(tenant)).Should().Be(1);
        (await DrainAsync(tenant)).Should().Be(0, "a sent reminder is never sent again");

        var sent = (await Client(tenant).GetJsonAsync("/api/reminders?status=sent"))["items"]!.AsArray().Should().ContainSingle().Subject!;
        sent["channel"]!.GetValue<string>().Should().Be("log");
        sent["sent_at"]!.GetValue<string>().Should().Be("2031-03-02T04:11:00-05:00");
        (await Client(tenant).GetJsonAsync("/api/reminders?status=pending"))["total"]!.GetValue<int>().Should().Be(0);
        (await Host.CreateClient().GetStringAsync("/metrics")).Should().MatchRegex(@"conversa_reminders_sent_total [1-9]");
        (await Client(tenant).GetAsync("/api/reminders?status=lost")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reminder_that_came_due_while_no_server_ran_goes_out_late_once()
    {
        var tenant = await app.CreateTenantAsync();
        await PlanAsync(tenant, ReminderKind.Appointment, TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromHours(6));

        (await DrainAsync(tenant)).Should().Be(1);
        (await DrainAsync(tenant)).Should().Be(0);
        (await RemindersAsync(tenant)).Should().ContainSingle().Which.Status.Should().Be(ReminderStatus.Sent);
    }

    [Fact]
    public async Task Moving_a_source_re_arms_its_reminder_and_cancelling_it_stops_it()
    {
        var tenant = await app.CreateTenantAsync();
        var moved = await PlanAsync(tenant, ReminderKind.Booking, TimeSpan.FromMinutes(1));
        var cancelled = await PlanAsync(tenant, ReminderKind.Booking, TimeSpan.FromMinutes(2));
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await DrainAsync(tenant)).Should().Be(1);

        // The booking moved a day later after its reminder went: it is due again at the new time.
        await PlanAsync(tenant, ReminderKind.Booking, TimeSpan.FromDays(1), sourceId: moved);
        await Host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            await services.GetRequiredService<ReminderPlanner>().CancelAsync(ReminderKind.Booking, cancelled, CancellationToken.None);
            await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return true;
        });
        _clock.Advance(TimeSpan.FromMinutes(5));
        (await DrainAsync(tenant)).Should().Be(0, "the cancelled one never goes and the moved one is not due yet");

        var rows = await RemindersAsync(tenant);
        rows.Single(r => r.SourceId == moved).Status.Should().Be(ReminderStatus.Pending);
        rows.Single(r => r.SourceId == cancelled).Status.Should().Be(ReminderStatus.Cancelled);
        _clock.Advance(TimeSpan.FromDays(1));
        (await DrainAsync(tenant)).Should().Be(1);
        (await Client(tenant).GetJsonAsync("/api/reminders?status=cancelled"))["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Dispatchers_racing_over_many_tenants_hand_each_reminder_over_exactly_once()
    {
        var tenants = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.CreateTenantAsync()));
        foreach (var tenant in tenants)
        {
            for (var i = 0; i < 20; i++)
            {
                await PlanAsync(tenant, ReminderKind.Task, TimeSpan.FromSeconds(i));
            }
        }
        _clock.Advance(TimeSpan.FromMinutes(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await Dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
            {
            }
        })));

        foreach (var tenant in tenants)
        {
            var rows = await RemindersAsync(tenant);
            rows.Should().HaveCount(20).And.OnlyContain(r => r.Status == ReminderStatus.Sent && r.Attempts == 1);
            rows.Should().OnlyContain(r => _outbox.HandedOver[r.Id] == 1, "each reminder is handed over exactly once");
        }
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_node_is_taken_over_after_its_lease()
    {
        var tenant = await app.CreateTenantAsync();
        await PlanAsync(tenant, ReminderKind.Task, TimeSpan.Zero);
        var now = _clock.GetUtcNow().UtcDateTime;
        // A node claims the reminder and dies before handing it over.
        var claimed = await Host.Services.GetRequiredService<ReminderClaims>().ClaimDueAsync(Guid.NewGuid(), now, now.AddSeconds(60), 100, CancellationToken.None);
        claimed.Should().Contain(c => c.TenantId == tenant.Id);

        (await DrainAsync(tenant)).Should().Be(0, "the dead node's lease still holds");
        _clock.Advance(TimeSpan.FromSeconds(61));
        (await DrainAsync(tenant)).Should().Be(1);
        (await RemindersAsync(tenant)).Single().Status.Should().Be(ReminderStatus.Sent);
    }

    [Fact]
    public async Task A_staff_reminder_goes_to_the_phone_the_user_linked_after_it_was_planned()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = Host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(Host.CreateClient(), tenant.OwnerEmail, tenant.OwnerPassword));
        var me = await owner.GetJsonAsync("/api/me");
        var ownerId = Guid.Parse((me["user"]?["id"] ?? me["id"])!.GetValue<string>());
        await PlanAsync(tenant, ReminderKind.Task, TimeSpan.FromMinutes(1), ownerId);
        await owner.PostJsonAsync("/api/personal/link-phone", new { phone = "+57 300 555 1234" }, 200);

        _clock.Advance(TimeSpan.FromMinutes(2));
        (await DrainAsync(tenant)).Should().Be(1);
        var sent = (await Client(tenant).GetJsonAsync("/api/reminders?status=sent"))["items"]![0]!;
        sent["recipient"]!.GetValue<string>().Should().Be("+573005551234");
    }

    [Fact]
    public async Task A_booking_reminder_goes_to_the_customers_phone()
    {
        var tenant = await app.CreateTenantAsync();
        var contactId = await Host.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, async db =>
        {
            var contact = new Conversa.Core.Contacts.Contact { Name = "Ana", Phone = "+573001110000" };
            contact.Refresh(_clock.GetUtcNow().UtcDateTime);
            contact.CreatedAt = contact.UpdatedAt;
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact.Id;
        });
        var source = Guid.NewGuid();
        await Host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var due = _clock.GetUtcNow();
            await services.GetRequiredService<ReminderPlanner>().PlanAsync(
                new ReminderPlan(ReminderKind.Booking, source, due, due.AddDays(1), "Mañana tienes tu cita", ContactId: contactId), CancellationToken.None);
            await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return true;
        });

        (await DrainAsync(tenant)).Should().Be(1);
        (await RemindersAsync(tenant)).Single().Recipient.Should().Be("+573001110000");
    }

    [Fact]
    public async Task Users_see_their_own_reminders_managers_and_keys_the_tenants_and_no_one_another_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var owner = Host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(Host.CreateClient(), tenant.OwnerEmail, tenant.OwnerPassword));
        var email = $"agent-{Guid.NewGuid():N}@example.com";
        var agent = await owner.PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agentId = Guid.Parse(agent["id"]!.GetValue<string>());
        var agentClient = Host.CreateClient();
        agentClient.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(Host.CreateClient(), email, "agent-password"));

        await PlanAsync(tenant, ReminderKind.Task, TimeSpan.FromHours(1), agentId);
        await PlanAsync(tenant, ReminderKind.Appointment, TimeSpan.FromHours(2), Guid.NewGuid());
        await PlanAsync(other, ReminderKind.Task, TimeSpan.FromHours(1));

        (await agentClient.GetJsonAsync("/api/reminders"))["items"]!.AsArray().Should().ContainSingle()
            .Which!["user_id"]!.GetValue<string>().Should().Be(agentId.ToString());
        (await owner.GetJsonAsync("/api/reminders"))["total"]!.GetValue<int>().Should().Be(2);
        (await Client(tenant).GetJsonAsync("/api/reminders?kind=appointment"))["total"]!.GetValue<int>().Should().Be(1);
        (await Client(other).GetJsonAsync("/api/reminders"))["total"]!.GetValue<int>().Should().Be(1);
        (await Client(tenant).GetAsync("/api/reminders?kind=alarm")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await Host.CreateClient().GetAsync("/api/reminders")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReminderSchedulerTestsOnSqlite(SqliteFactory app) : ReminderSchedulerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReminderSchedulerTestsOnPostgres(PostgresFactory app) : ReminderSchedulerTests(app);
