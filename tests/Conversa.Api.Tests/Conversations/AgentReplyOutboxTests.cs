using System.Collections.Concurrent;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Conversations;

/// <summary>
/// A human reply and its handover to the outbox commit together: one reply, one handover, to the contact's phone;
/// an outbox that fails leaves no reply behind.
/// </summary>
public abstract class AgentReplyOutboxTests(ConversaFactory app)
{
    [Fact]
    public async Task A_human_reply_is_handed_to_the_outbox_exactly_once_for_the_contacts_phone()
    {
        var outbox = new ObservingOutbox();
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IOutbox>(outbox)));
        var tenant = await app.CreateTenantAsync();
        var id = await host.ConversationAsync(tenant, await host.ContactAsync(tenant, "Ana", "+57 300 111 2233"), ConversationChannel.Whatsapp, ("hola", null));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);

        var reply = await client.PostJsonAsync($"/api/conversations/{id}/messages", new { content = "Hola Ana, te escribe Laura." }, 201);

        var messageId = Guid.Parse(reply.Str("id"));
        outbox.Handovers.Should().ContainSingle().Which.Should().BeEquivalentTo(new OutboundMessage(
            tenant.Id, tenant.Slug, "+573001112233", "Hola Ana, te escribe Laura.", "agent_reply", messageId, ConversationChannel.Whatsapp, id));
        outbox.Enqueued.Should().ContainSingle().Which.ReferenceId.Should().Be(messageId);
        reply.Str("delivery_status").Should().Be("pending", "an outbox row waits for its sender");
        reply["metadata"]!.Str("outbox_channel").Should().Be("observed");
    }

    [Fact]
    public async Task When_the_outbox_fails_the_reply_is_not_stored()
    {
        var outbox = new ObservingOutbox { Fail = true };
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IOutbox>(outbox)));
        var tenant = await app.CreateTenantAsync();
        var id = await host.ConversationAsync(tenant, await host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", null));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);

        var problem = await Http.ProblemAsync(await client.PostAsync($"/api/conversations/{id}/messages", Http.Json(new { content = "¿Me lees?" })), 500);
        problem.Str("detail").Should().NotContain("outbox down", "no internals in the body");

        outbox.Handovers.Should().BeEmpty();
        (await host.MessagesAsync(tenant, id)).Select(m => m.Content).Should().Equal("hola");
        (await host.StoredConversationAsync(tenant, id))!.MessageCount.Should().Be(1, "the count rolled back with the reply");
    }

    /// <summary>Records what was enqueued (checking it runs inside a transaction) and what was reported committed; can fail on demand.</summary>
    private sealed class ObservingOutbox : IOutbox
    {
        public bool Fail { get; init; }
        public ConcurrentQueue<OutboundMessage> Enqueued { get; } = new();
        public ConcurrentQueue<OutboundMessage> Handovers { get; } = new();

        public Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("outbox down");
            }
            db.Database.CurrentTransaction.Should().NotBeNull("the handover joins the reply's transaction");
            Enqueued.Enqueue(message);
            return Task.FromResult("observed");
        }

        void IOutbox.Committed(OutboundMessage message) => Handovers.Enqueue(message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgentReplyOutboxTestsOnSqlite(SqliteFactory app) : AgentReplyOutboxTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AgentReplyOutboxTestsOnPostgres(PostgresFactory app) : AgentReplyOutboxTests(app);
