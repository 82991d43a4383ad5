using Conversa.Core.Conversations;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Conversations;

public sealed partial class ConversationStore
{
    /// <summary>
    /// What the assistant remembers about the contact: the stored context, or a fresh empty one (not stored until
    /// <see cref="SaveContextAsync"/>) for a contact it has not talked to yet.
    /// </summary>
    public async Task<ContactContext> LoadContextAsync(Guid contactId, CancellationToken cancellationToken) =>
        await db.ContactContexts.AsNoTracking().FirstOrDefaultAsync(c => c.ContactId == contactId, cancellationToken)
        ?? NewContext(contactId);

    private ContactContext NewContext(Guid contactId) => new() { ContactId = contactId, UpdatedAt = UtcNow };

    /// <summary>
    /// Stores the contact's context, replacing what was stored (the last turn to save wins). Creating the contact's
    /// first context is race-safe: of two turns creating it at once, the second updates the first's row. False when
    /// the contact is not this tenant's.
    /// </summary>
    public async Task<bool> SaveContextAsync(ContactContext context, CancellationToken cancellationToken)
    {
        context.UpdatedAt = UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            if (await UpdateContextAsync(context, cancellationToken) > 0)
            {
                return true;
            }
            if (attempt == 1 && !await db.Contacts.AnyAsync(c => c.Id == context.ContactId, cancellationToken))
            {
                return false;
            }
            var row = ContextRow(context);
            db.ContactContexts.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < CreateAttempts)
            {
                // Another turn created this contact's context meanwhile: update theirs.
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Replaces the stored context's values. Plain SQL, as the message counter: EF's <c>ExecuteUpdate</c> built, funcletized
    /// and looked up its expression tree on every turn (7 % of a turn's allocations). The tenant condition the query
    /// filter would add is written out (row-level security applies on PostgreSQL as well); the slots are stored as
    /// their column's converter stores them.
    /// </summary>
    private Task<int> UpdateContextAsync(ContactContext context, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var slots = context.Slots.ToJsonString();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE contact_contexts SET last_intent = {context.LastIntent}, language = {context.Language}, slots = {slots},
                pending_dialog = {context.PendingDialog}, no_match_count = {context.NoMatchCount},
                last_handoff_offer_at = {context.LastHandoffOfferAt}, updated_at = {context.UpdatedAt}
            WHERE contact_id = {context.ContactId} AND tenant_id = {tenantId}
            """, cancellationToken);
    }

    private static ContactContext ContextRow(ContactContext context) => new()
    {
        Id = context.Id,
        ContactId = context.ContactId,
        LastIntent = context.LastIntent,
        Language = context.Language,
        Slots = context.Slots.DeepClone().AsObject(),
        PendingDialog = context.PendingDialog,
        NoMatchCount = context.NoMatchCount,
        LastHandoffOfferAt = context.LastHandoffOfferAt,
        UpdatedAt = context.UpdatedAt,
    };
}
