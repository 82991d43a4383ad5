using System.Net;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Personal;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Tests.Conversations;

/// <summary>Conversations, their messages and the contacts' contexts travel with a tenant's export and import (TenantTransfer is generic).</summary>
public abstract class ConversationTransferTests(ConversaFactory app)
{
    [Fact]
    public async Task A_tenant_restored_from_its_export_has_its_conversations_messages_and_contexts_back()
    {
        var tenant = await app.CreateTenantAsync();
        var (member, memberId) = await tenant.MemberAsync();
        var ana = await app.ContactAsync(tenant, "Ana", "+573001112233");
        var id = await app.ConversationAsync(tenant, ana, ConversationChannel.Whatsapp, ("hola", "¡Hola! ¿En qué te ayudo?"), ("precio del botox", "350.000 COP"));
        await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("gracias", "wamid.IN9"), CancellationToken.None));
        await app.StoreAsync(tenant, s => s.HandOffAsync(id, "wants a human", CancellationToken.None));
        await app.StoreAsync(tenant, s => s.RecordAgentReplyAsync(id, "Te atiendo yo.", null, CancellationToken.None));
        var me = await app.ContactAsync(tenant, "Yo", "+573009990000");
        var personal = (await app.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(me, ConversationChannel.Api, ConversationAssistant.Personal, memberId), CancellationToken.None)))!.Conversation.Id;
        await app.StoreAsync(tenant, s => s.AppendAsync(personal, NewMessage.FromUser("¿qué tengo mañana?"), CancellationToken.None));
        await app.StoreAsync(tenant, async s =>
        {
            var context = await s.LoadContextAsync(ana, CancellationToken.None);
            context.LastIntent = "schedule";
            context.Slots["service"] = "botox";
            return await s.SaveContextAsync(context, CancellationToken.None);
        });
        var memberEmail = (await (await tenant.OwnerClientAsync()).GetJsonAsync("/api/users"))["items"]!.AsArray()
            .Single(u => u!.Str("role") == "agent")!.Str("email");
        var before = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{id}");

        var admin = await app.AdminClientAsync();
        var export = await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export");
        var document = await export.Content.ReadAsStringAsync();
        export.StatusCode.Should().Be(HttpStatusCode.OK, document);
        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var imported = await Http.ReadAsync(await admin.PostAsync("/api/admin/tenants/import", Http.Raw(document)), 201);
        imported["imported"]!["conversations"]!.GetValue<int>().Should().Be(2);
        imported["imported"]!["conversation_messages"]!.GetValue<int>().Should().Be(7);
        imported["imported"]!["contact_contexts"]!.GetValue<int>().Should().Be(1);
        var restored = tenant with { Id = Guid.Parse(imported["tenant"]!.Str("id")) };
        var key = (await restored.OwnerClientAsync()).PostJsonAsync("/api/api-keys", new { name = "after-import" }, 201);
        var client = app.ClientWithKey((await key).Str("key"));

        var list = await client.GetJsonAsync("/api/conversations");
        list["total"]!.GetValue<int>().Should().Be(1, "the personal conversation is its user's alone");
        var after = await client.GetJsonAsync($"/api/conversations/{list.Ids()[0]}");
        after.Str("id").Should().NotBe(id.ToString(), "an import gives every row a new id");
        after["contact"]!.Str("name").Should().Be("Ana");
        after["contact"]!.Str("id").Should().NotBe(ana.ToString());
        foreach (var field in new[] { "status", "handoff_reason", "handoff_at", "channel", "last_message_at", "created_at" })
        {
            after.Str(field).Should().Be(before.Str(field), field);
        }
        after["message_count"]!.GetValue<int>().Should().Be(6);
        Strip(after["messages"]!).Should().Be(Strip(before["messages"]!), "the messages come back in order, with their roles, agents and statuses");

        var restoredContact = Guid.Parse(after["contact"]!.Str("id"));
        var context = await app.StoreAsync(restored, s => s.LoadContextAsync(restoredContact, CancellationToken.None));
        context.LastIntent.Should().Be("schedule");
        context.Slots["service"]!.GetValue<string>().Should().Be("botox");
        (await app.StoreAsync(restored, s => s.FindMessageByExternalIdAsync(ConversationChannel.Whatsapp, "wamid.IN9", CancellationToken.None)))!
            .ConversationId.Should().Be(Guid.Parse(after.Str("id")));

        var restoredMember = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), memberEmail, "member-password"));
        var mine = await restoredMember.GetJsonAsync("/api/conversations?channel=api");
        mine.Ids().Should().ContainSingle();
        (await restoredMember.GetJsonAsync($"/api/conversations/{mine.Ids()[0]}"))["messages"]![0]!.Str("content").Should().Be("¿qué tengo mañana?");
    }

    [Fact]
    public async Task A_tenant_with_conversations_can_be_imported_beside_its_original()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await app.ContactAsync(tenant);
        var id = await app.ConversationAsync(tenant, contact, ConversationChannel.Chatwoot, ("hola", "¡Hola!"));
        await app.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("otra", "cw-msg-1"), CancellationToken.None));
        await app.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(contact, ConversationChannel.Chatwoot, ExternalId: "cw-77"), CancellationToken.None));
        var admin = await app.AdminClientAsync();
        var document = await (await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export")).Content.ReadAsStringAsync();

        var copy = "conv-" + Guid.NewGuid().ToString("N")[..10];
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copy}", Http.Raw(document)), 201);
        imported["imported"]!["conversations"]!.GetValue<int>().Should().Be(2, "thread and message ids are unique per tenant, not platform-wide");
        imported["imported"]!["conversation_messages"]!.GetValue<int>().Should().Be(3);
        var copyId = Guid.Parse(imported["tenant"]!.Str("id"));
        (await app.DbAsync(tenant with { Id = copyId }, db => db.ConversationMessages.CountAsync(m => m.ExternalId == "cw-msg-1"))).Should().Be(1);
        (await tenant.KeyClient().GetJsonAsync($"/api/conversations/{id}"))["message_count"]!.GetValue<int>().Should().Be(3, "the original is untouched");
    }

    /// <summary>The messages without what an import renumbers (ids, and the sender of a reply, which names a user).</summary>
    private static string Strip(JsonNode messages)
    {
        var copy = messages.DeepClone().AsArray();
        foreach (var message in copy.OfType<JsonObject>())
        {
            message.Remove("id");
        }
        return copy.ToJsonString();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConversationTransferTestsOnSqlite(SqliteFactory app) : ConversationTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConversationTransferTestsOnPostgres(PostgresFactory app) : ConversationTransferTests(app);
