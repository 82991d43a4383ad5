using System.Collections.Concurrent;
using System.Text;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Outbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// An inbox item's handler runs in a scope that sends its own replies (<see cref="DirectSends"/>) when the node sends
/// at all, and in one that leaves them to the worker when <c>Conversa:Outbox:Enabled</c> is false.
/// </summary>
public abstract class DirectSendWiringTests(ConversaFactory app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_inbox_items_replies_are_sent_by_its_own_task_exactly_when_the_node_sends(bool outboxEnabled)
    {
        var handler = new ClaimObserver("test-" + Guid.NewGuid().ToString("N")[..10]);
        await using var host = app.WithWebHostBuilder(b => b
            .UseSetting("Conversa:Inbox:Enabled", "false")
            .UseSetting("Conversa:Outbox:Enabled", outboxEnabled ? "true" : "false")
            .ConfigureTestServices(s => s.AddSingleton<IInboxHandler>(handler)));
        var tenant = await app.CreateTenantAsync();
        var inbox = host.Services.GetRequiredService<IInbox>();

        await inbox.AcceptAsync(new InboxDelivery(handler.Channel, Encoding.UTF8.GetBytes("{}"), new Dictionary<string, string>()),
            [new InboxItem(handler.Channel, "msg:1", tenant.Id, "message", "{}")], CancellationToken.None);
        (await host.Services.GetRequiredService<InboxProcessor>().ProcessDueAsync(CancellationToken.None)).Should().Be(1);

        handler.Claims.Should().ContainSingle().Which.HasValue.Should().Be(outboxEnabled);
    }

    private sealed class ClaimObserver(string channel) : IInboxHandler
    {
        public string Channel => channel;
        public ConcurrentQueue<Guid?> Claims { get; } = new();

        public string? OrderKey(InboxItem item) => null;

        public Task HandleAsync(InboxItem item, IServiceProvider tenantServices, CancellationToken cancellationToken)
        {
            Claims.Enqueue(tenantServices.GetRequiredService<DirectSends>().Claim);
            return Task.CompletedTask;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DirectSendWiringTestsOnSqlite(SqliteFactory app) : DirectSendWiringTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DirectSendWiringTestsOnPostgres(PostgresFactory app) : DirectSendWiringTests(app);
