using Conversa.Api.Hosting;
using Conversa.Core.Contacts;
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

    /// <remarks><c>Contact</c> is the contact's row when resolving it read or created the row, for the engine to reuse.</remarks>
    public async Task<(ConversationKey? Key, Contact? Contact, IResult? Problem)> ResolveAsync(
        ChatRequest request, TenantContext caller, ConversationChannel channel, CancellationToken cancellationToken)
    {
        var personalUser = caller.Caller == CallerKind.User && !caller.IsSuperadmin ? caller.UserId : null;
        if (request.ConversationId is { } conversationId)
        {
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null || (conversation.Assistant == ConversationAssistant.Personal && conversation.UserId != personalUser))
            {
                return (null, null, Problems.NotFound(NotFoundConversation));
            }
            if (conversation.Channel != channel)
            {
                return (null, null, Problems.Unprocessable(
                    $"That conversation is on {ConversationNames.Name(conversation.Channel)}; here only {ConversationNames.Name(channel)} conversations continue."));
            }
            return (new ConversationKey(conversation.ContactId, conversation.Channel, conversation.Assistant, conversation.UserId, conversation.ExternalId), null, null);
        }
        if (request.Personal)
        {
            if (personalUser is not { } userId)
            {
                return (null, null, Problems.Forbidden("The personal assistant answers a signed-in user of the tenant; API keys and platform admins have none."));
            }
            var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            var own = await contacts.FindOrCreateByRefAsync($"user:{userId}", name, cancellationToken);
            return (new ConversationKey(own.Id, channel, ConversationAssistant.Personal, userId), own, null);
        }
        var contact = await ContactRowAsync(request.ContactId, cancellationToken);
        return contact is null
            ? (null, null, Problems.NotFound("No such contact."))
            : (new ConversationKey(contact.Id, channel), contact, null);
    }

    /// <summary>The contact a seed-style <c>contact_id</c> names: a contact's id, else the client's id for a contact of its own.</summary>
    public async Task<Guid?> ContactAsync(string? contactId, CancellationToken cancellationToken) =>
        (await ContactRowAsync(contactId, cancellationToken))?.Id;

    /// <summary>The row of the contact <see cref="ContactAsync"/> names (not tracked).</summary>
    public async Task<Contact?> ContactRowAsync(string? contactId, CancellationToken cancellationToken)
    {
        if (contactId is null)
        {
            return await contacts.FindOrCreateByRefAsync($"api:{Guid.CreateVersion7()}", null, cancellationToken);
        }
        if (Guid.TryParse(contactId, out var id))
        {
            return await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }
        return await contacts.FindOrCreateByRefAsync($"api:{contactId}", contactId, cancellationToken);
    }
}
