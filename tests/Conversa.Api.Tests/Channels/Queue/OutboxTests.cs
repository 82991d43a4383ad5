using System.Collections.Concurrent;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Background;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// The outbox on a moved-by-hand clock, with a scripted sender on a channel of its own that takes every WhatsApp
/// reply in this host (the collection's shared host has no sender for that channel, so it never claims these rows).
/// </summary>
public abstract class OutboxTests(ConversaFactory app) : IDisposable
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly ScriptedSender _sender = new("test-" + Guid.NewGuid().ToString("N")[..10]);
    private WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .UseSetting("Conversa:Outbox:Enabled", "false")
        .UseSetting("Conversa:Outbox:MaxAttempts", "3")
        .UseSetting("Conversa:Outbox:RetryBaseSeconds", "10")
        .UseSetting("Conversa:Outbox:LeaseSeconds", "60")
        .UseSetting("Conversa:Outbox:InProcessRetries", "0")
        .UseSetting("Conversa:Outbox:AttemptTimeoutSeconds", "0.5")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<IChannelSender>(_sender)));

    private OutboxSender Sender => Host.Services.GetRequiredService<OutboxSender>();

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A staff reply on a WhatsApp conversation: stored and queued in one transaction.</summary>
    private async Task<(Guid Conversation, Guid Message)> ReplyAsync(TestTenant tenant, string text = "Hola Ana", string phone = "+573001112233")
    {
        var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant, phone: phone), ConversationChannel.Whatsapp, ("hola", null));
        var message = await Host.StoreAsync(tenant, store => store.RecordAgentReplyAsync(conversation, text, null, CancellationToken.None));
        message!.DeliveryStatus.Should().Be(DeliveryStatus.Pending, "the row waits for its sender");
        message.Metadata["outbox_channel"]!.GetValue<string>().Should().Be(_sender.Channel);
        return (conversation, message.Id);
    }

    private Task<List<OutboxEntry>> RowsAsync(TestTenant tenant) =>
        Host.DbAsync(tenant, db => db.OutboxEntries.AsNoTracking().Where(o => o.Channel == _sender.Channel).OrderBy(o => o.CreatedAt).ToListAsync());

    private async Task DrainAsync()
    {
        while (await Sender.SendDueAsync(CancellationToken.None) > 0)
        {
        }
    }

    [Fact]
    public async Task A_sent_row_records_the_providers_id_on_the_conversation_message()
    {
        var tenant = await app.CreateTenantAsync();
        var (conversation, message) = await ReplyAsync(tenant);

        await DrainAsync();

        _sender.Sends(message).Should().Be(1);
        var row = (await RowsAsync(tenant)).Single();
        row.Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Sent && o.ProviderMessageId == "wamid." + message && o.Attempts == 1);
        row.ConversationId.Should().Be(conversation);
        var stored = (await Host.MessagesAsync(tenant, conversation)).Last();
        stored.DeliveryStatus.Should().Be(DeliveryStatus.Sent);
        stored.ExternalId.Should().Be("wamid." + message);
        _sender.Seen[message].Message.ConversationId.Should().Be(conversation);
        Sender.Sends[(_sender.Channel, "sent")].Should().BeGreaterThan(0);
        var metrics = await Host.CreateClient().GetStringAsync("/metrics");
        metrics.Should().Contain($"conversa_outbox_sends_total{{channel=\"{_sender.Channel}\",outcome=\"sent\"}} 1");
        metrics.Should().Contain("conversa_inbox_items{status=\"pending\"}");
    }

    [Fact]
    public async Task A_retry_waits_its_back_off_and_gives_up_after_the_last_attempt()
    {
        var tenant = await app.CreateTenantAsync();
        _sender.Outcome = _ => new SendOutcome.Retry("503 Service Unavailable");
        var (conversation, message) = await ReplyAsync(tenant);

        await DrainAsync();
        _sender.Sends(message).Should().Be(1);
        var row = (await RowsAsync(tenant)).Single();
        row.Status.Should().Be(OutboxStatus.Pending);
        row.Error.Should().Be("503 Service Unavailable");
        (row.DueAt - _clock.GetUtcNow().UtcDateTime).TotalSeconds.Should().BeInRange(7.9, 12.1, "10 s ± 20 % jitter");

        await DrainAsync();
        _sender.Sends(message).Should().Be(1, "not due yet");
        _clock.Advance(TimeSpan.FromSeconds(13));
        await DrainAsync();
        _sender.Sends(message).Should().Be(2);
        _sender.Seen[message].Attempt.Should().Be(2);

        _sender.Outcome = d => new SendOutcome.Sent("wamid.late");
        _clock.Advance(TimeSpan.FromSeconds(25));
        await DrainAsync();
        _sender.Sends(message).Should().Be(3);
        (await RowsAsync(tenant)).Single().Status.Should().Be(OutboxStatus.Sent);
        (await Host.MessagesAsync(tenant, conversation)).Last().ExternalId.Should().Be("wamid.late");

        _sender.Outcome = _ => new SendOutcome.Retry("429", TimeSpan.FromSeconds(1));
        var (_, second) = await ReplyAsync(tenant, "otra");
        for (var i = 0; i < 5; i++)
        {
            await DrainAsync();
            _clock.Advance(TimeSpan.FromSeconds(2));
        }
        _sender.Sends(second).Should().Be(3, "three attempts are the limit here, and Retry-After is honoured");
        (await RowsAsync(tenant)).Last().Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Failed && o.Error!.Contains("429"));
    }

    [Fact]
    public async Task A_failed_outcome_is_final_and_marks_the_message_failed()
    {
        var tenant = await app.CreateTenantAsync();
        _sender.Outcome = _ => new SendOutcome.Failed("400 invalid recipient");
        var (conversation, message) = await ReplyAsync(tenant);

        await DrainAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync();

        _sender.Sends(message).Should().Be(1);
        (await RowsAsync(tenant)).Single().Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Failed && o.Error == "400 invalid recipient");
        (await Host.MessagesAsync(tenant, conversation)).Last().DeliveryStatus.Should().Be(DeliveryStatus.Failed);
    }

    [Fact]
    public async Task A_sender_that_does_not_answer_in_time_is_retried_later()
    {
        var tenant = await app.CreateTenantAsync();
        _sender.Delay = TimeSpan.FromSeconds(5);
        var (_, message) = await ReplyAsync(tenant);

        await DrainAsync();

        _sender.Sends(message).Should().Be(1);
        (await RowsAsync(tenant)).Single().Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Pending && o.Error!.Contains("No answer"));
    }

    [Fact]
    public async Task A_row_whose_lease_ran_out_in_flight_is_sent_again_exactly_once()
    {
        var tenant = await app.CreateTenantAsync();
        var (_, message) = await ReplyAsync(tenant);
        var now = _clock.GetUtcNow().UtcDateTime;
        // A node claimed it and died before recording the outcome.
        (await Host.Services.GetRequiredService<OutboxClaims>().ClaimDueAsync(Guid.NewGuid(), now, now.AddSeconds(60), 100, [_sender.Channel], [], CancellationToken.None))
            .Should().Contain(c => c.TenantId == tenant.Id);

        await DrainAsync();
        _sender.Sends(message).Should().Be(0, "the lease still holds it");
        _clock.Advance(TimeSpan.FromSeconds(61));
        await DrainAsync();
        await DrainAsync();

        _sender.Sends(message).Should().Be(1);
        (await RowsAsync(tenant)).Single().Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Sent && o.Attempts == 2);
    }

    [Fact]
    public async Task Two_concurrent_senders_send_every_row_once_each_in_its_own_tenants_scope()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var messages = new List<Guid>();
        foreach (var tenant in new[] { first, second })
        {
            var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));
            for (var i = 0; i < 15; i++)
            {
                messages.Add((await Host.StoreAsync(tenant, s => s.RecordAgentReplyAsync(conversation, $"m{i}", null, CancellationToken.None)))!.Id);
            }
        }
        // A second node: its own sender on the same database.
        await using var other = Host.WithWebHostBuilder(_ => { });

        await Task.WhenAll(Task.Run(DrainAsync), Task.Run(async () =>
        {
            while (await other.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None) > 0)
            {
            }
        }));

        messages.Should().OnlyContain(m => _sender.Sends(m) == 1);
        _sender.Seen.Values.Should().OnlyContain(d => d.ScopeTenant == d.TenantId && d.Message.TenantId == d.TenantId);
        (await RowsAsync(first)).Concat(await RowsAsync(second)).Should().OnlyContain(o => o.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task Tenants_are_sent_side_by_side_so_a_slow_provider_does_not_hold_the_others()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var (_, a) = await ReplyAsync(first);
        var (_, b) = await ReplyAsync(second);
        // Each send waits for the other tenant's send to start: one after another, the first would give up in time.
        var started = new ConcurrentDictionary<Guid, bool>();
        _sender.Before = async delivery =>
        {
            started[delivery.TenantId] = true;
            var deadline = DateTime.UtcNow.AddSeconds(0.4);
            while (started.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
            return started.Count == 2;
        };

        await Sender.SendDueAsync(CancellationToken.None);

        _sender.Sends(a).Should().Be(1);
        _sender.Sends(b).Should().Be(1);
        (await RowsAsync(first)).Concat(await RowsAsync(second)).Should().OnlyContain(o => o.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task Customers_of_one_tenant_are_sent_side_by_side_and_one_customers_replies_in_order()
    {
        var tenant = await app.CreateTenantAsync();
        var (conversation, first) = await ReplyAsync(tenant, "first");
        var second = (await Host.StoreAsync(tenant, store => store.RecordAgentReplyAsync(conversation, "second", null, CancellationToken.None)))!.Id;
        var (_, other) = await ReplyAsync(tenant, "to another customer", "+573009998877");
        // Each customer's first send waits for the other customer's to start: one after another, it would give up in time.
        var recipients = new ConcurrentDictionary<string, bool>();
        var order = new ConcurrentQueue<Guid>();
        _sender.Before = async delivery =>
        {
            order.Enqueue(delivery.Message.ReferenceId);
            recipients[delivery.Message.Recipient!] = true;
            var deadline = DateTime.UtcNow.AddSeconds(0.4);
            while (recipients.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
            return recipients.Count == 2;
        };

        await Sender.SendDueAsync(CancellationToken.None);

        new[] { first, second, other }.Should().OnlyContain(m => _sender.Sends(m) == 1);
        order.Where(m => m != other).Should().Equal(first, second);
        (await RowsAsync(tenant)).Should().OnlyContain(o => o.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task Sent_rows_past_retention_are_pruned_and_failed_or_recent_rows_are_kept()
    {
        var tenant = await app.CreateTenantAsync();
        var (_, sent) = await ReplyAsync(tenant, "sent long ago");
        var (_, failed) = await ReplyAsync(tenant, "failed long ago");
        _sender.Outcome = d => d.Message.ReferenceId == failed ? new SendOutcome.Failed("bad number") : new SendOutcome.Sent("wamid." + d.Message.ReferenceId);
        await DrainAsync();
        _clock.Advance(TimeSpan.FromDays(31));
        var (_, recent) = await ReplyAsync(tenant, "sent today");
        await DrainAsync();

        (await Host.Services.GetRequiredService<QueuePruner>().PruneDueAsync(CancellationToken.None)).OutboxRows.Should().BeGreaterThanOrEqualTo(1);

        (await RowsAsync(tenant)).Select(o => (o.ReferenceId, o.Status)).Should().BeEquivalentTo(
            [(failed, OutboxStatus.Failed), (recent, OutboxStatus.Sent)]);
        _sender.Sends(sent).Should().Be(1);
    }

    [Fact]
    public async Task Replies_on_the_api_are_answered_inline_and_get_no_row()
    {
        var tenant = await app.CreateTenantAsync();
        var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Api, ("hola", null));

        var message = await Host.StoreAsync(tenant, store => store.RecordAgentReplyAsync(conversation, "hola", null, CancellationToken.None));

        message!.DeliveryStatus.Should().Be(DeliveryStatus.Sent);
        message.Metadata["outbox_channel"]!.GetValue<string>().Should().Be(DurableOutbox.InlineChannel);
        (await Host.DbAsync(tenant, db => db.OutboxEntries.CountAsync())).Should().Be(0);
    }

    /// <summary>
    /// A customer's turn recorded the way an inbox item records it: in a scope that sends its own replies. With
    /// <paramref name="send"/> the scope sends them after the commit (with that token), as the inbox processor does;
    /// without, the node "stops" before it gets there.
    /// </summary>
    private async Task<Guid> DirectTurnAsync(TestTenant tenant, Guid conversation, CancellationToken? send)
    {
        var contact = await Host.ContactAsync(tenant);
        return await Host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var direct = services.GetRequiredService<DirectSends>();
            direct.Begin();
            var store = services.GetRequiredService<ConversationStore>();
            var recorded = await store.RecordTurnAsync(conversation, null, NewMessage.FromUser("¿tienen cita mañana?"),
                new NewMessage(MessageRole.Assistant, "Sí, a las 10:00.", Agent: "availability"),
                await store.LoadContextAsync(contact, CancellationToken.None), CancellationToken.None);
            var row = (await services.GetRequiredService<AppDbContext>().OutboxEntries.AsNoTracking().SingleAsync(o => o.ReferenceId == recorded!.Reply!.Id));
            row.ClaimToken.Should().Be(direct.Claim!.Value, "stored claimed by the scope that will send it");
            row.Attempts.Should().Be(1);
            await DrainAsync();
            _sender.Sends(row.ReferenceId).Should().Be(0, "the worker does not take a row another task holds");
            if (send is { } token)
            {
                await Sender.SendCommittedAsync(services, direct, token);
            }
            return row.ReferenceId;
        });
    }

    [Fact]
    public async Task A_reply_stored_by_a_scope_that_sends_its_own_goes_out_from_that_scope_once()
    {
        var tenant = await app.CreateTenantAsync();
        var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));

        var message = await DirectTurnAsync(tenant, conversation, CancellationToken.None);

        _sender.Sends(message).Should().Be(1);
        _sender.Seen[message].Attempt.Should().Be(1);
        var row = (await RowsAsync(tenant)).Single();
        row.Should().Match<OutboxEntry>(o => o.Status == OutboxStatus.Sent && o.ClaimToken == null && o.ProviderMessageId == "wamid." + message);
        (await Host.MessagesAsync(tenant, conversation)).Last().DeliveryStatus.Should().Be(DeliveryStatus.Sent);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await DrainAsync();
        _sender.Sends(message).Should().Be(1, "sent rows are never claimed again");
    }

    [Fact]
    public async Task A_reply_its_scope_never_sent_goes_out_through_the_worker_once_the_lease_runs_out()
    {
        var tenant = await app.CreateTenantAsync();
        var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));

        var message = await DirectTurnAsync(tenant, conversation, send: null);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await DrainAsync();
        _sender.Sends(message).Should().Be(0, "the lease still holds");

        _clock.Advance(TimeSpan.FromSeconds(2));
        await DrainAsync();
        _sender.Sends(message).Should().Be(1);
        _sender.Seen[message].Attempt.Should().Be(2, "the stored claim counted as the first attempt");
        (await RowsAsync(tenant)).Single().Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_node_stopping_before_it_sends_its_reply_hands_the_row_back_to_the_worker_at_once()
    {
        var tenant = await app.CreateTenantAsync();
        var conversation = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));

        var message = await DirectTurnAsync(tenant, conversation, new CancellationToken(canceled: true));
        _sender.Sends(message).Should().Be(0);
        (await RowsAsync(tenant)).Single().ClaimToken.Should().BeNull();

        await DrainAsync();
        _sender.Sends(message).Should().Be(1, "no lease to wait out");
        (await RowsAsync(tenant)).Single().Status.Should().Be(OutboxStatus.Sent);
    }

    private sealed record Delivery(Guid TenantId, Guid? ScopeTenant, OutboundMessage Message, int Attempt);

    private sealed class ScriptedSender(string channel) : IChannelSender
    {
        private readonly ConcurrentDictionary<Guid, int> _sends = new();

        public string Channel => channel;
        public Func<OutboxDelivery, SendOutcome> Outcome { get; set; } = d => new SendOutcome.Sent("wamid." + d.Message.ReferenceId);
        public TimeSpan Delay { get; set; }
        /// <summary>Runs before the outcome; false turns the attempt into a retry.</summary>
        public Func<OutboxDelivery, Task<bool>>? Before { get; set; }
        public ConcurrentDictionary<Guid, Delivery> Seen { get; } = new();

        public int Sends(Guid messageId) => _sends.GetValueOrDefault(messageId);

        public ValueTask<bool> HandlesAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken) =>
            ValueTask.FromResult(message.Channel == ConversationChannel.Whatsapp);

        public async Task<SendOutcome> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
        {
            _sends.AddOrUpdate(delivery.Message.ReferenceId, 1, (_, n) => n + 1);
            Seen[delivery.Message.ReferenceId] = new Delivery(
                delivery.TenantId, delivery.Services.GetRequiredService<AppDbContext>().CurrentTenantId, delivery.Message, delivery.Attempt);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }
            if (Before is { } before && !await before(delivery))
            {
                return new SendOutcome.Retry("Before said no.");
            }
            return Outcome(delivery);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OutboxTestsOnSqlite(SqliteFactory app) : OutboxTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OutboxTestsOnPostgres(PostgresFactory app) : OutboxTests(app);
