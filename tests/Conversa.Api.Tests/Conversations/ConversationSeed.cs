using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Conversations;

/// <summary>
/// Conversations are written by the engine, which does not exist yet: tests seed them the way it will, through
/// <see cref="ConversationStore"/> inside <see cref="TenantScope.RunAsync{T}"/>, on the host under test.
/// </summary>
internal static class ConversationSeed
{
    public static Task<T> StoreAsync<T>(this WebApplicationFactory<Program> host, TestTenant tenant, Func<ConversationStore, Task<T>> work) =>
        host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, services => work(services.GetRequiredService<ConversationStore>()));

    public static Task<T> DbAsync<T>(this WebApplicationFactory<Program> host, TestTenant tenant, Func<AppDbContext, Task<T>> work) =>
        host.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, work);

    /// <summary>A contact of the tenant, as a booking or a channel would find or create it.</summary>
    public static Task<Guid> ContactAsync(this WebApplicationFactory<Program> host, TestTenant tenant, string name = "Ana Pérez", string? phone = "+573001112233") =>
        host.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
            (await services.GetRequiredService<CustomerContacts>().FindOrCreateAsync(new CustomerInput(name, phone, null), CancellationToken.None)).Id);

    /// <summary>Opens (or finds) the contact's conversation and stores the given turns: user text, then the assistant's answer.</summary>
    public static async Task<Guid> ConversationAsync(
        this WebApplicationFactory<Program> host, TestTenant tenant, Guid contactId, ConversationChannel channel = ConversationChannel.Api,
        params (string User, string? Reply)[] turns)
    {
        var opened = await host.StoreAsync(tenant, store => store.OpenAsync(new ConversationKey(contactId, channel), CancellationToken.None));
        var id = opened!.Conversation.Id;
        foreach (var (user, reply) in turns)
        {
            await host.StoreAsync(tenant, store => store.AppendAsync(id, NewMessage.FromUser(user, language: "es"), CancellationToken.None));
            if (reply is not null)
            {
                await host.StoreAsync(tenant, store => store.AppendAsync(id, new NewMessage(
                    MessageRole.Assistant, reply, Agent: "support", Intent: "faq", Language: "es", LatencyMs: 12,
                    DeliveryStatus: DeliveryStatus.Delivered, Metadata: new JsonObject { ["sources"] = new JsonArray("doc-1") }), CancellationToken.None));
            }
        }
        return id;
    }

    public static Task<List<ConversationMessage>> MessagesAsync(this WebApplicationFactory<Program> host, TestTenant tenant, Guid conversationId) =>
        host.DbAsync(tenant, db => db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync());

    public static Task<Conversation?> StoredConversationAsync(this WebApplicationFactory<Program> host, TestTenant tenant, Guid id) =>
        host.DbAsync(tenant, db => db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    public static string Str(this JsonNode node, string field) => node[field]!.GetValue<string>();

    public static List<string> Ids(this JsonNode page) => page["items"]!.AsArray().Select(i => i!.Str("id")).ToList();
}
