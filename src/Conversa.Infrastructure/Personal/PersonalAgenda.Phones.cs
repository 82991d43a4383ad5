using Conversa.Core.Catalog;
using Conversa.Core.Contacts;
using Conversa.Core.Personal;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Personal;

public sealed partial class PersonalAgenda
{
    /// <summary>
    /// Links the user's WhatsApp number (normalised to E.164), replacing the one they had. A number another user of
    /// the tenant holds is a conflict; other tenants may link the same number to their own users.
    /// </summary>
    public async Task<AgendaResult<LinkedPhone>> LinkPhoneAsync(Guid userId, string? phone, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryNormalize(phone, out var normalized))
        {
            return AgendaResult.Invalid<LinkedPhone>([new FieldError("phone",
                "phone must be an international number with its country code, e.g. +573001234567.")]);
        }
        if (!await IsUserAsync(userId, cancellationToken))
        {
            return AgendaResult.UnknownUser<LinkedPhone>();
        }
        if (await db.LinkedPhones.AnyAsync(p => p.Phone == normalized && p.UserId != userId, cancellationToken))
        {
            return PhoneTaken(normalized);
        }
        var linked = await db.LinkedPhones.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (linked is null)
        {
            linked = new LinkedPhone { UserId = userId, Phone = normalized, LinkedAt = UtcNow };
            db.LinkedPhones.Add(linked);
        }
        else if (linked.Phone != normalized)
        {
            linked.Phone = normalized;
            linked.LinkedAt = UtcNow;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request linked the number (or this user's first number) between the checks and this save.
            db.ChangeTracker.Clear();
            return await db.LinkedPhones.AnyAsync(p => p.Phone == normalized && p.UserId != userId, cancellationToken)
                ? PhoneTaken(normalized)
                : AgendaResult.Conflict<LinkedPhone>("The phone link changed meanwhile; try again.");
        }
        return AgendaResult.Ok(linked);
    }

    public Task<LinkedPhone?> FindLinkedPhoneAsync(Guid userId, CancellationToken cancellationToken) =>
        db.LinkedPhones.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);

    public async Task<bool> UnlinkPhoneAsync(Guid userId, CancellationToken cancellationToken)
    {
        var linked = await db.LinkedPhones.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (linked is null)
        {
            return false;
        }
        db.LinkedPhones.Remove(linked);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Who of this tenant's users writes from <paramref name="phone"/> (any common spelling), if anyone linked it.</summary>
    public async Task<Guid?> FindUserByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        PhoneNumber.TryNormalize(phone, out var normalized)
            ? await db.LinkedPhones.Where(p => p.Phone == normalized).Select(p => (Guid?)p.UserId).FirstOrDefaultAsync(cancellationToken)
            : null;

    private static AgendaResult<LinkedPhone> PhoneTaken(string phone) =>
        AgendaResult.Conflict<LinkedPhone>($"The number {phone} is already linked to another user of this tenant.");
}
