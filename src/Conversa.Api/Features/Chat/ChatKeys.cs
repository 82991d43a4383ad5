using Conversa.Api.Hosting;
using Conversa.Core.Conversations;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// Which conversation a chat request continues: the one <c>conversation_id</c> names (this tenant's, and for a
/// personal conversation the caller's own, else 404), the contact <c>contact_id</c> names (a contact's id, or the
/// client's own id for its user, found or created as <c>api:{id}</c>), a new anonymous contact, or — for the
/// personal assistant — the signed-in user's own contact (<c>user:{id}</c>).
/// </summary>
public sealed class ChatKeys(AppDbContext db, CustomerContacts contacts)
{
    public const string NotFoundConversation = "No such conversation.";

    public async Task<(ConversationKey? Key, IResult? Problem)> ResolveAsync(
        ChatRequest request, TenantContext caller, ConversationChannel channel, CancellationToken cancellationToken)
    {
        var personalUser = caller.Caller == CallerKind.User && !caller.IsSuperadmin ? caller.UserId : null;
        if (request.ConversationId is { } conversationId)
        {
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null || (conversation.Assistant == ConversationAssistant.Personal && conversation.UserId != personalUser))
            {
                return (null, Problems.NotFound(NotFoundConversation));
            }
            if (conversation.Channel != channel)
            {
                return (null, Problems.Unprocessable(
                    $"That conversation is on {ConversationNames.Name(conversation.Channel)}; here only {ConversationNames.Name(channel)} conversations continue."));
            }
            return (new ConversationKey(conversation.ContactId, conversation.Channel, conversation.Assistant, conversation.UserId, conversation.ExternalId), null);
        }
        if (request.Personal)
        {
            if (personalUser is not { } userId)
            {
                return (null, Problems.Forbidden("The personal assistant answers a signed-in user of the tenant; API keys and platform admins have none."));
            }
            var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            var own = await contacts.FindOrCreateByRefAsync($"user:{userId}", name, cancellationToken);
            return (new ConversationKey(own.Id, channel, ConversationAssistant.Personal, userId), null);
        }
        var contact = await ContactAsync(request.ContactId, cancellationToken);
        return contact is null
            ? (null, Problems.NotFound("No such contact."))
            : (new ConversationKey(contact.Value, channel), null);
    }

    /// <summary>The contact a seed-style <c>contact_id</c> names: a contact's id, else the client's id for a contact of its own.</summary>
    public async Task<Guid?> ContactAsync(string? contactId, CancellationToken cancellationToken)
    {
        if (contactId is null)
        {
            return (await contacts.FindOrCreateByRefAsync($"api:{Guid.CreateVersion7()}", null, cancellationToken)).Id;
        }
        if (Guid.TryParse(contactId, out var id))
        {
            return await db.Contacts.AnyAsync(c => c.Id == id, cancellationToken) ? id : null;
        }
        return (await contacts.FindOrCreateByRefAsync($"api:{contactId}", contactId, cancellationToken)).Id;
    }
}
