using Conversa.Core.Contacts;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Booking;

/// <summary>
/// Finds the tenant's contact for a customer — by phone, then by email — or creates it, and keeps its name and
/// missing details up to date. The contact is saved on its own, before the booking: a customer who lost the race
/// for a slot is still a known customer.
/// </summary>
public sealed class CustomerContacts(AppDbContext db, TimeProvider time)
{
    public async Task<Contact> FindOrCreateAsync(CustomerInput input, CancellationToken cancellationToken)
    {
        var customer = input.Normalized();
        var now = time.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var contact = await FindAsync(customer, cancellationToken);
            var created = contact is null;
            if (contact is null)
            {
                contact = new Contact { Name = customer.Name!, Phone = customer.Phone, Email = customer.Email, CreatedAt = now };
                contact.Refresh(now);
                db.Contacts.Add(contact);
            }
            else if (!Update(contact, customer, now))
            {
                return contact;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return contact;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 2)
            {
                // Another request created this phone's contact meanwhile (or took the phone being filled in): use theirs.
                if (created)
                {
                    db.Entry(contact).State = EntityState.Detached;
                }
                else
                {
                    await db.Entry(contact).ReloadAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The contact <paramref name="id"/> with the customer's name and any missing phone or email filled in, or null
    /// when the tenant has no such contact. A phone or email another contact holds already is left out.
    /// </summary>
    public async Task<Contact?> UpdateAsync(Guid id, CustomerInput input, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null || !Update(contact, input.Normalized(), time.GetUtcNow().UtcDateTime))
        {
            return contact;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await db.Entry(contact).ReloadAsync(cancellationToken);
            if (input.Normalized().Name is { } name && name != contact.Name)
            {
                contact.Name = name;
                contact.Refresh(time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return contact;
    }

    /// <summary>
    /// The contact a channel knows by <paramref name="externalRef"/> (<c>api:…</c>, <c>widget:…</c>, <c>user:…</c>),
    /// created on first sight with <paramref name="name"/>. Race-safe: two first messages at once make one contact.
    /// </summary>
    public async Task<Contact> FindOrCreateByRefAsync(string externalRef, string? name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalRef == externalRef, cancellationToken) is { } known)
            {
                return known;
            }
            var now = time.GetUtcNow().UtcDateTime;
            var contact = new Contact { Name = name?.Trim() ?? "", ExternalRef = externalRef, CreatedAt = now };
            contact.Refresh(now);
            db.Contacts.Add(contact);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return contact;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 2)
            {
                // The same first message arrived twice at once: the other request created the contact.
            }
            finally
            {
                db.Entry(contact).State = EntityState.Detached;
            }
        }
    }

    private async Task<Contact?> FindAsync(CustomerInput customer, CancellationToken cancellationToken)
    {
        if (customer.Phone is { } phone && await db.Contacts.FirstOrDefaultAsync(c => c.Phone == phone, cancellationToken) is { } byPhone)
        {
            return byPhone;
        }
        if (customer.Email is not { } email)
        {
            return null;
        }
        // An email finds a contact unless both have phones and they differ: then they are two people sharing an address.
        return await db.Contacts
            .Where(c => c.Email == email && (c.Phone == null || customer.Phone == null))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static bool Update(Contact contact, CustomerInput customer, DateTime now)
    {
        var changed = false;
        if (customer.Name is { } name && name != contact.Name)
        {
            contact.Name = name;
            changed = true;
        }
        if (contact.Phone is null && customer.Phone is not null)
        {
            contact.Phone = customer.Phone;
            changed = true;
        }
        if (contact.Email is null && customer.Email is not null)
        {
            contact.Email = customer.Email;
            changed = true;
        }
        if (changed)
        {
            contact.Refresh(now);
        }
        return changed;
    }
}
