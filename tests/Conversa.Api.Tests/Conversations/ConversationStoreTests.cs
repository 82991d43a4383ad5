using System.Text.Json.Nodes;
using Conversa.Api.Tests.Chat;
using Conversa.Api.Tests.Personal;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Conversations;

/// <summary>
/// <see cref="ConversationStore"/> as the engine and the channels will use it: find-or-create under concurrency,
/// ordered and counted messages, redeliveries stored once, delivery statuses that only move forward, the contact's
/// context, and what goes when a contact, a user or a tenant is deleted.
/// </summary>
public abstract class ConversationStoreTests(ConversaFactory app)
{
    private const int Racers = 12;

    [Theory]
    [InlineData(null)]
    [InlineData("chatwoot-4711")]
    public async Task Concurrent_find_or_create_of_the_same_new_conversation_yields_one_row(string? externalId)
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        var key = new ConversationKey(contact, ConversationChannel.Chatwoot, ExternalId: externalId);
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await app.StoreAsync(tenant, s => s.OpenAsync(key, CancellationToken.None));
        })).ToList();
        start.Set();
        var opened = (await Task.WhenAll(racers)).Select(o => o!).ToList();

        opened.Select(o => o.Conversation.Id).Distinct().Should().ContainSingle();
        opened.Count(o => o.Created).Should().Be(1, "exactly one caller created it");
        (await app.DbAsync(tenant, db => db.Conversations.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_closed_conversation_is_followed_by_a_new_one_unless_the_channel_names_the_same_thread()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        var whatsapp = new ConversationKey(contact, ConversationChannel.Whatsapp);
        var first = (await app.StoreAsync(tenant, s => s.OpenAsync(whatsapp, CancellationToken.None)))!;
        (await app.StoreAsync(tenant, s => s.OpenAsync(whatsapp, CancellationToken.None)))!.Conversation.Id.Should().Be(first.Conversation.Id);
        (await app.StoreAsync(tenant, s => s.OpenAsync(whatsapp with { Channel = ConversationChannel.Widget }, CancellationToken.None)))!
            .Conversation.Id.Should().NotBe(first.Conversation.Id, "each channel has its own conversation");
        (await app.StoreAsync(tenant, s => s.CloseAsync(first.Conversation.Id, CancellationToken.None))).Should().BeTrue();
        var next = (await app.StoreAsync(tenant, s => s.OpenAsync(whatsapp, CancellationToken.None)))!;
        next.Created.Should().BeTrue();
        next.Conversation.Id.Should().NotBe(first.Conversation.Id);

        var thread = new ConversationKey(contact, ConversationChannel.Chatwoot, ExternalId: " 4711 ");
        var chatwoot = (await app.StoreAsync(tenant, s => s.OpenAsync(thread, CancellationToken.None)))!.Conversation;
        chatwoot.ExternalId.Should().Be("4711");
        await app.StoreAsync(tenant, s => s.HandOffAsync(chatwoot.Id, "agent took it", CancellationToken.None));
        await app.StoreAsync(tenant, s => s.CloseAsync(chatwoot.Id, CancellationToken.None));
        var reopened = (await app.StoreAsync(tenant, s => s.OpenAsync(thread, CancellationToken.None)))!;
        reopened.Created.Should().BeFalse();
        reopened.Conversation.Id.Should().Be(chatwoot.Id);
        reopened.Conversation.Status.Should().Be(ConversationStatus.Active, "the thread goes on");
        reopened.Conversation.BotEnabled.Should().BeTrue();
        (await app.StoreAsync(tenant, s => s.FindByExternalIdAsync(ConversationChannel.Chatwoot, "4711", CancellationToken.None)))!.Id.Should().Be(chatwoot.Id);
    }

    [Fact]
    public async Task Another_tenants_contact_or_user_opens_nothing_and_an_inconsistent_key_is_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var foreignContact = await app.ContactAsync(other);
        var (_, foreignUser) = await other.MemberAsync();
        var contact = await app.ContactAsync(tenant);

        (await app.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(foreignContact, ConversationChannel.Api), CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(contact, ConversationChannel.Api, ConversationAssistant.Personal, foreignUser), CancellationToken.None))).Should().BeNull();
        await FluentActions.Awaiting(() => app.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(contact, ConversationChannel.Api, ConversationAssistant.Personal), CancellationToken.None))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => app.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(contact, ConversationChannel.Api, UserId: Guid.NewGuid()), CancellationToken.None))).Should().ThrowAsync<ArgumentException>();

        // A thread id that names a customer conversation is not handed to someone's personal assistant.
        var (_, user) = await tenant.MemberAsync();
        await app.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(contact, ConversationChannel.Openai, ExternalId: "thread-1"), CancellationToken.None));
        await FluentActions.Awaiting(() => app.StoreAsync(tenant, s => s.OpenAsync(
                new ConversationKey(contact, ConversationChannel.Openai, ConversationAssistant.Personal, user, "thread-1"), CancellationToken.None)))
            .Should().ThrowAsync<InvalidOperationException>();
        (await app.StoreAsync(tenant, s => s.AppendAsync(Guid.NewGuid(), NewMessage.FromUser("hola"), CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(tenant, s => s.HandOffAsync(Guid.NewGuid(), null, CancellationToken.None))).Should().BeNull();
        (await app.DbAsync(other, db => db.Conversations.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_messages_get_consecutive_sequence_numbers_and_are_all_counted()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await app.ConversationAsync(tenant, await app.ContactAsync(tenant));
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(1, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser($"mensaje {i}"), CancellationToken.None));
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);

        var messages = await app.MessagesAsync(tenant, id);
        messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, Racers));
        messages.Select(m => m.Content).Should().BeEquivalentTo(Enumerable.Range(1, Racers).Select(i => $"mensaje {i}"));
        var conversation = (await app.StoredConversationAsync(tenant, id))!;
        conversation.MessageCount.Should().Be(Racers);
        (await app.StoreAsync(tenant, s => s.RecentMessagesAsync(id, 3, CancellationToken.None))).Select(m => m.Sequence).Should().Equal(Racers - 2, Racers - 1, Racers);
    }

    [Fact]
    public async Task Messages_stored_in_the_engines_own_transaction_commit_or_roll_back_with_it()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await app.ConversationAsync(tenant, await app.ContactAsync(tenant), ConversationChannel.Whatsapp);
        foreach (var commit in new[] { false, true })
        {
            await app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
            {
                var store = services.GetRequiredService<ConversationStore>();
                var database = services.GetRequiredService<AppDbContext>().Database;
                await using var transaction = await database.BeginTransactionAsync();
                (await store.AppendAsync(id, NewMessage.FromUser("quiero una cita", "wamid.T1"), CancellationToken.None))!.Duplicate.Should().BeFalse();
                (await store.AppendAsync(id, NewMessage.FromUser("quiero una cita", "wamid.T1"), CancellationToken.None))!.Duplicate.Should().BeTrue();
                (await store.AppendAsync(id, new NewMessage(MessageRole.Assistant, "¿Para qué día?", Agent: "schedule"), CancellationToken.None))!
                    .Message.Sequence.Should().Be(2);
                await FluentActions.Awaiting(() => store.SendAsync(id, new NewMessage(MessageRole.Assistant, "x"), CancellationToken.None))
                    .Should().ThrowAsync<InvalidOperationException>("a send commits its own outbox handover");
                if (commit)
                {
                    await transaction.CommitAsync();
                }
                return true;
            });
            var messages = await app.MessagesAsync(tenant, id);
            messages.Should().HaveCount(commit ? 2 : 0);
            (await app.StoredConversationAsync(tenant, id))!.MessageCount.Should().Be(commit ? 2 : 0);
        }
    }

    [Fact]
    public async Task Another_tenants_store_cannot_touch_a_conversation_by_its_id()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var id = await app.ConversationAsync(tenant, await app.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));
        var message = (await app.MessagesAsync(tenant, id))[0];

        (await app.StoreAsync(other, s => s.FindAsync(id, CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(other, s => s.AppendAsync(id, NewMessage.FromUser("intruso"), CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(other, s => s.SendAsync(id, new NewMessage(MessageRole.Assistant, "intruso"), CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(other, s => s.HandOffAsync(id, "x", CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(other, s => s.HandBackAsync(id, CancellationToken.None))).Should().BeNull();
        (await app.StoreAsync(other, s => s.CloseAsync(id, CancellationToken.None))).Should().BeFalse();
        (await app.StoreAsync(other, s => s.DeleteAsync(id, CancellationToken.None))).Should().BeFalse();
        (await app.StoreAsync(other, s => s.RecentMessagesAsync(id, 10, CancellationToken.None))).Should().BeEmpty();
        (await app.StoreAsync(other, s => s.MarkDeliveryAsync(message.Id, DeliveryStatus.Failed, "wamid.X", CancellationToken.None))).Should().BeFalse();

        var stored = (await app.StoredConversationAsync(tenant, id))!;
        stored.Status.Should().Be(ConversationStatus.Active);
        stored.MessageCount.Should().Be(1);
        (await app.MessagesAsync(tenant, id)).Single().ExternalId.Should().BeNull();
    }

    [Fact]
    public async Task A_redelivered_inbound_message_is_stored_once()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await app.ConversationAsync(tenant, await app.ContactAsync(tenant), ConversationChannel.Whatsapp);
        var first = (await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("hola", "wamid.IN1"), CancellationToken.None)))!;
        first.Duplicate.Should().BeFalse();
        var again = (await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("hola", "wamid.IN1"), CancellationToken.None)))!;
        again.Duplicate.Should().BeTrue();
        again.Message.Id.Should().Be(first.Message.Id);

        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("¿sigues ahí?", "wamid.IN2"), CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);
        results.Count(r => !r!.Duplicate).Should().Be(1);
        results.Select(r => r!.Message.Id).Distinct().Should().ContainSingle();

        (await app.MessagesAsync(tenant, id)).Select(m => m.ExternalId).Should().Equal("wamid.IN1", "wamid.IN2");
        (await app.StoredConversationAsync(tenant, id))!.MessageCount.Should().Be(2, "a refused duplicate is not counted");
        // Another tenant may receive the same provider id: the key includes the tenant.
        var other = await app.CreateTenantAsync();
        var theirs = await app.ConversationAsync(other, await app.ContactAsync(other), ConversationChannel.Whatsapp);
        (await app.StoreAsync(other, s => s.AppendAsync(theirs, NewMessage.FromUser("hola", "wamid.IN1"), CancellationToken.None)))!.Duplicate.Should().BeFalse();
    }

    [Fact]
    public async Task Delivery_statuses_only_move_forward_and_find_the_message_by_the_providers_id()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await app.ConversationAsync(tenant, await app.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));
        var sent = (await app.StoreAsync(tenant, s => s.SendAsync(id, new NewMessage(MessageRole.Assistant, "¡Hola! ¿En qué te ayudo?", Agent: "router"),
            CancellationToken.None)))!;
        sent.DeliveryStatus.Should().Be(DeliveryStatus.Pending, "its outbox row waits for the sender");

        // The sender learns the provider's id; then WhatsApp reports, out of order and repeated.
        (await app.StoreAsync(tenant, s => s.MarkDeliveryAsync(sent.Id, DeliveryStatus.Sent, "wamid.OUT1", CancellationToken.None))).Should().BeTrue();
        Task<bool> Report(DeliveryStatus status) =>
            app.StoreAsync(tenant, s => s.MarkDeliveryByExternalIdAsync(ConversationChannel.Whatsapp, "wamid.OUT1", status, CancellationToken.None));
        (await Report(DeliveryStatus.Read)).Should().BeTrue();
        (await Report(DeliveryStatus.Delivered)).Should().BeFalse("read is further than delivered");
        (await Report(DeliveryStatus.Failed)).Should().BeFalse("a message that was read did not fail");
        (await Report(DeliveryStatus.Read)).Should().BeFalse();
        (await app.StoreAsync(tenant, s => s.MarkDeliveryByExternalIdAsync(ConversationChannel.Chatwoot, "wamid.OUT1", DeliveryStatus.Read, CancellationToken.None)))
            .Should().BeFalse("provider ids are per channel");
        var stored = (await app.StoreAsync(tenant, s => s.FindMessageByExternalIdAsync(ConversationChannel.Whatsapp, "wamid.OUT1", CancellationToken.None)))!;
        stored.Id.Should().Be(sent.Id);
        stored.DeliveryStatus.Should().Be(DeliveryStatus.Read);

        var failing = (await app.StoreAsync(tenant, s => s.SendAsync(id, new NewMessage(MessageRole.Assistant, "otro"), CancellationToken.None)))!;
        (await app.StoreAsync(tenant, s => s.MarkDeliveryAsync(failing.Id, DeliveryStatus.Failed, null, CancellationToken.None))).Should().BeTrue();
        (await app.StoreAsync(tenant, s => s.MarkDeliveryAsync(failing.Id, DeliveryStatus.Delivered, null, CancellationToken.None))).Should().BeFalse();

        var inbound = (await app.MessagesAsync(tenant, id))[0];
        (await app.StoreAsync(tenant, s => s.MarkDeliveryAsync(inbound.Id, DeliveryStatus.Read, null, CancellationToken.None))).Should().BeFalse("inbound messages have no delivery status");
        await FluentActions.Awaiting(() => app.StoreAsync(tenant, s => s.SendAsync(id, NewMessage.FromUser("x"), CancellationToken.None)))
            .Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_contacts_context_is_remembered_and_its_first_save_is_race_safe()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        var fresh = await app.StoreAsync(tenant, s => s.LoadContextAsync(contact, CancellationToken.None));
        fresh.Slots.Should().BeEmpty();
        fresh.NoMatchCount.Should().Be(0);
        (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync())).Should().Be(0, "loading stores nothing");

        using var start = new ManualResetEventSlim();
        var savers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await app.StoreAsync(tenant, async s =>
            {
                var context = await s.LoadContextAsync(contact, CancellationToken.None);
                context.LastIntent = "greeting";
                context.NoMatchCount = i;
                return await s.SaveContextAsync(context, CancellationToken.None);
            });
        })).ToList();
        start.Set();
        (await Task.WhenAll(savers)).Should().AllSatisfy(saved => saved.Should().BeTrue());
        (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync())).Should().Be(1);

        await app.StoreAsync(tenant, async s =>
        {
            var context = await s.LoadContextAsync(contact, CancellationToken.None);
            context.LastIntent = "schedule";
            context.Language = "pt";
            context.PendingDialog = "booking.time";
            context.Slots["service_id"] = "botox";
            context.Slots["day"] = "2030-05-11";
            context.Slots["offered"] = new JsonArray("10:00", "11:30");
            context.NoMatchCount = 2;
            context.LastHandoffOfferAt = new DateTime(2030, 5, 10, 15, 0, 0, DateTimeKind.Utc);
            return await s.SaveContextAsync(context, CancellationToken.None);
        });
        var remembered = await app.StoreAsync(tenant, s => s.LoadContextAsync(contact, CancellationToken.None));
        remembered.LastIntent.Should().Be("schedule");
        remembered.Language.Should().Be("pt");
        remembered.PendingDialog.Should().Be("booking.time");
        remembered.Slots["service_id"]!.GetValue<string>().Should().Be("botox");
        remembered.Slots["offered"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("10:00", "11:30");
        remembered.NoMatchCount.Should().Be(2);
        remembered.LastHandoffOfferAt.Should().Be(new DateTime(2030, 5, 10, 15, 0, 0, DateTimeKind.Utc));

        await app.StoreAsync(tenant, async s =>
        {
            var context = await s.LoadContextAsync(contact, CancellationToken.None);
            context.LastIntent = null;
            context.PendingDialog = null;
            context.Slots.Clear();
            context.NoMatchCount = 0;
            context.LastHandoffOfferAt = null;
            return await s.SaveContextAsync(context, CancellationToken.None);
        });
        var cleared = await app.StoreAsync(tenant, s => s.LoadContextAsync(contact, CancellationToken.None));
        cleared.LastIntent.Should().BeNull();
        cleared.Language.Should().Be("pt");
        cleared.PendingDialog.Should().BeNull();
        cleared.Slots.Should().BeEmpty();
        cleared.NoMatchCount.Should().Be(0);
        cleared.LastHandoffOfferAt.Should().BeNull();
        (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync(c => c.UpdatedAt == cleared.UpdatedAt)))
            .Should().Be(1, "the update stores the time as EF compares it");

        var other = await app.CreateTenantAsync();
        var foreign = await app.StoreAsync(other, s => s.LoadContextAsync(contact, CancellationToken.None));
        foreign.LastIntent.Should().BeNull("another tenant does not read this contact's context");
        (await app.StoreAsync(other, s => s.SaveContextAsync(foreign, CancellationToken.None))).Should().BeFalse();
    }

    [Fact]
    public async Task A_new_contacts_first_turn_stores_its_context_in_one_statement_and_racing_first_turns_keep_one_context()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        var conversation = await OpenAsync(tenant, contact);
        using (var statements = await TenantStatements.StartAsync(tenant.Id))
        {
            (await RecordFirstTurnAsync(tenant, contact, conversation, 0)).Should().BeTrue();
            statements.Take().Where(s => s.Contains("contact_contexts", StringComparison.Ordinal) && !s.StartsWith("SELECT", StringComparison.Ordinal))
                .Should().ContainSingle("the context is written once, neither updated first nor inserted within a savepoint");
        }

        var racing = await app.ContactAsync(tenant, "Bea Ruiz", "+573004445566");
        var racingConversation = await OpenAsync(tenant, racing);
        using var start = new ManualResetEventSlim();
        var turns = Enumerable.Range(1, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await RecordFirstTurnAsync(tenant, racing, racingConversation, i);
        })).ToList();
        start.Set();
        (await Task.WhenAll(turns)).Should().AllSatisfy(stored => stored.Should().BeTrue());

        (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync(c => c.ContactId == racing))).Should().Be(1);
        var context = await app.StoreAsync(tenant, s => s.LoadContextAsync(racing, CancellationToken.None));
        context.LastIntent.Should().Be("greeting");
        context.Slots["turn"]!.GetValue<int>().Should().Be(context.NoMatchCount, "the context is one turn's, whole");
        (await app.MessagesAsync(tenant, racingConversation)).Should().HaveCount(2 * Racers);
        (await app.StoreAsync(tenant, s => s.LoadContextAsync(contact, CancellationToken.None))).Slots["turn"]!.GetValue<int>().Should().Be(0);
    }

    private async Task<Guid> OpenAsync(TestTenant tenant, Guid contact) =>
        (await app.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(contact, ConversationChannel.Api), CancellationToken.None)))!.Conversation.Id;

    private Task<bool> RecordFirstTurnAsync(TestTenant tenant, Guid contact, Guid conversation, int turn) =>
        app.StoreAsync(tenant, async s =>
        {
            var context = await s.LoadContextAsync(contact, CancellationToken.None);
            context.LastIntent = "greeting";
            context.NoMatchCount = turn;
            context.Slots["turn"] = turn;
            var recorded = await s.RecordTurnAsync(conversation, null, NewMessage.FromUser($"hola {turn}"),
                new NewMessage(MessageRole.Assistant, $"¡Hola {turn}!", Agent: "router"), context, CancellationToken.None);
            return recorded is { Duplicate: false, Reply: not null };
        });

    [Fact]
    public async Task Deleting_a_contact_removes_its_conversations_messages_and_context()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant, "Se va", "+573001119999");
        var keeper = await app.ContactAsync(tenant, "Se queda", "+573001118888");
        var gone = await app.ConversationAsync(tenant, contact, ConversationChannel.Whatsapp, ("hola", "¡Hola!"));
        await app.ConversationAsync(tenant, contact, ConversationChannel.Widget, ("otra", null));
        var kept = await app.ConversationAsync(tenant, keeper, ConversationChannel.Whatsapp, ("sigo", null));
        await app.StoreAsync(tenant, async s => await s.SaveContextAsync(await s.LoadContextAsync(contact, CancellationToken.None), CancellationToken.None));

        await app.DbAsync(tenant, db => db.Contacts.Where(c => c.Id == contact).ExecuteDeleteAsync());

        (await app.DbAsync(tenant, db => db.Conversations.Select(c => c.Id).ToListAsync())).Should().Equal(kept);
        (await app.MessagesAsync(tenant, gone)).Should().BeEmpty();
        (await app.DbAsync(tenant, db => db.ConversationMessages.CountAsync())).Should().Be(1);
        (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_personal_conversations_and_keeps_their_replies_without_a_sender()
    {
        var tenant = await app.CreateTenantAsync();
        var (_, userId) = await tenant.MemberAsync();
        var contact = await app.ContactAsync(tenant);
        var personal = (await app.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(contact, ConversationChannel.Api, ConversationAssistant.Personal, userId), CancellationToken.None)))!.Conversation.Id;
        var customer = await app.ConversationAsync(tenant, contact, ConversationChannel.Api, ("hola", null));
        await app.StoreAsync(tenant, s => s.RecordAgentReplyAsync(customer, "Hola, soy yo.", userId, CancellationToken.None));

        var owner = await tenant.OwnerClientAsync();
        (await owner.DeleteAsync($"/api/users/{userId}")).IsSuccessStatusCode.Should().BeTrue();

        (await app.StoredConversationAsync(tenant, personal)).Should().BeNull();
        var reply = (await app.MessagesAsync(tenant, customer)).Last();
        reply.Content.Should().Be("Hola, soy yo.");
        reply.SenderUserId.Should().BeNull();
    }

    [Fact]
    public async Task A_tenant_with_conversations_can_be_deleted()
    {
        var tenant = await app.CreateTenantAsync();
        var (_, userId) = await tenant.MemberAsync();
        var contact = await app.ContactAsync(tenant);
        var id = await app.ConversationAsync(tenant, contact, ConversationChannel.Whatsapp, ("hola", "¡Hola!"));
        await app.StoreAsync(tenant, s => s.RecordAgentReplyAsync(id, "Te atiendo yo.", userId, CancellationToken.None));
        await app.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(contact, ConversationChannel.Whatsapp, ConversationAssistant.Personal, userId),
            CancellationToken.None));
        await app.StoreAsync(tenant, async s => await s.SaveContextAsync(await s.LoadContextAsync(contact, CancellationToken.None), CancellationToken.None));

        var admin = await app.AdminClientAsync();
        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}"), 404);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConversationStoreTestsOnSqlite(SqliteFactory app) : ConversationStoreTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConversationStoreTestsOnPostgres(PostgresFactory app) : ConversationStoreTests(app);
