using Conversa.Core.Reminders;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Reminders;

/// <summary>
/// The phone a reminder goes to, looked up when it is sent (so a number linked after the reminder was planned
/// still counts): a staff user's linked WhatsApp number, or a booking customer's phone.
/// </summary>
public sealed class ReminderRecipients(AppDbContext db)
{
    public async Task<string?> PhoneOfAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        if (reminder.UserId is { } userId)
        {
            return await db.LinkedPhones.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Phone).FirstOrDefaultAsync(cancellationToken);
        }
        if (reminder.ContactId is { } contactId)
        {
            return await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Phone).FirstOrDefaultAsync(cancellationToken);
        }
        return null;
    }
}
