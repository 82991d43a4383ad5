using Conversa.Core.Booking;
using Conversa.Core.Contacts;
using Conversa.Core.Reminders;
using Conversa.Core.Time;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Persistence.Booking;
using Conversa.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using BookingRow = Conversa.Core.Booking.Booking;

namespace Conversa.Infrastructure.Booking;

/// <summary>
/// A booking as a request asks for it; ids and the customer were validated for shape by the endpoint. A chat books
/// for the contact it talks to (<paramref name="ContactId"/>): a contact known only by its channel id has no phone
/// or email to be found by, so the customer's details update that contact instead of finding or creating one.
/// </summary>
public sealed record NewBooking(Guid ServiceId, Guid? ProviderId, string Start, CustomerInput Customer, string? Notes, Guid? ContactId = null);

/// <summary>The booking written, or why not.</summary>
public sealed record BookingOutcome(BookingRow? Booking, BookingFailure? Failure)
{
    public static implicit operator BookingOutcome(BookingRow booking) => new(booking, null);

    public static implicit operator BookingOutcome(BookingFailure failure) => new(null, failure);
}

/// <summary>
/// Takes, moves, cancels and closes bookings with every rule checked: the service and provider, the booking policy,
/// the provider's hours, and that the time is free. The last check is what must never race: on PostgreSQL the
/// exclusion constraint <c>ex_bookings_no_overlap</c> refuses an overlapping row whatever the application does, and
/// its violation (23P01) is answered as taken; on SQLite the check and the write run under a per-provider lock
/// inside an immediate transaction. The customer's reminder is planned on the same context, so it commits with
/// the booking or not at all.
/// </summary>
public sealed class BookingDesk(AppDbContext db, TenantReadCache cache, CustomerContacts contacts, ReminderPlanner reminders, ProviderLocks locks, TimeProvider time)
{
    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public async Task<BookingOutcome> CreateAsync(NewBooking request, CancellationToken cancellationToken)
    {
        var tenant = await BookingTenant.CachedAsync(db, cache, cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.ServiceId, cancellationToken);
        if (service is null)
        {
            return BookingFailure.Invalid("service_id", "There is no service with this id.");
        }
        if (!service.Active)
        {
            return BookingFailure.Invalid("service_id", $"The service '{service.Name}' is no longer offered.");
        }
        List<Provider> candidates;
        if (request.ProviderId is { } providerId)
        {
            var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, cancellationToken);
            if (ProviderProblem(provider, service, await PerformsAsync(providerId, service.Id, cancellationToken)) is { } problem)
            {
                return problem;
            }
            candidates = [provider!];
        }
        else
        {
            candidates = await ProvidersOf(service.Id).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return new BookingFailure(BookingFailureKind.Refused, $"No active provider performs '{service.Name}'.");
            }
        }

        // A local time is read in the zone of the provider it names, else the tenant's (API.md: the tenant's zone).
        var zone = request.ProviderId is null ? tenant.Zone : tenant.ZoneOf(candidates[0]);
        if (!ZonedTime.TryParse(request.Start, zone, out var start))
        {
            return BookingFailure.Invalid("start", "start must be an ISO 8601 timestamp, e.g. 2026-11-23T10:00:00-05:00.");
        }
        if (PolicyProblem(tenant, start, zone) is { } policy)
        {
            return policy;
        }

        var length = Duration.FromMinutes(service.DurationMinutes);
        var buffer = Duration.FromMinutes(service.BufferMinutes);
        var working = candidates.Where(p => SlotFinder.WithinHours(p.Hours(), tenant.ZoneOf(p), start, start + length)).ToList();
        if (working.Count == 0)
        {
            return new BookingFailure(BookingFailureKind.Refused, OutsideHoursDetail(request.ProviderId is null ? null : candidates[0].Name, service, start, zone));
        }

        var contact = request.ContactId is { } contactId
            ? await contacts.UpdateAsync(contactId, request.Customer, cancellationToken)
            : await contacts.FindOrCreateAsync(request.Customer, cancellationToken);
        if (contact is null)
        {
            return BookingFailure.Invalid("contact_id", "There is no contact with this id.");
        }
        foreach (var provider in working)
        {
            var booking = new BookingRow
            {
                ServiceId = service.Id,
                ProviderId = provider.Id,
                ContactId = contact.Id,
                StartAt = start.ToDateTimeUtc(),
                EndAt = (start + length).ToDateTimeUtc(),
                BlockedUntil = (start + length + buffer).ToDateTimeUtc(),
                Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
            };
            var failure = await WriteAsync(booking, isNew: true, tenant, service, provider, cancellationToken);
            if (failure is null)
            {
                return booking;
            }
            if (failure.Kind != BookingFailureKind.Conflict || request.ProviderId is not null)
            {
                return failure;
            }
            // Without a named provider, the next one who works then may still be free.
        }
        return new BookingFailure(BookingFailureKind.Conflict,
            $"{Local(start, zone)} is already taken for '{service.Name}'. Ask GET /api/availability for free times.");
    }

    /// <summary>Moves the booking (same row, same length and buffer) to a new start, or leaves it exactly where it was.</summary>
    public async Task<BookingOutcome> RescheduleAsync(Guid id, string startText, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            return NotFound();
        }
        if (booking.Status != BookingStatus.Confirmed)
        {
            return new BookingFailure(BookingFailureKind.Refused,
                $"Only a confirmed booking can be moved; this one is {booking.Status.Name()}." +
                (booking.Status == BookingStatus.Cancelled ? " Book again instead." : ""));
        }
        var tenant = await BookingTenant.CachedAsync(db, cache, cancellationToken);
        var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == booking.ServiceId, cancellationToken);
        var provider = await db.Providers.AsNoTracking().FirstAsync(p => p.Id == booking.ProviderId, cancellationToken);
        var zone = tenant.ZoneOf(provider);
        if (!ZonedTime.TryParse(startText, zone, out var start))
        {
            return BookingFailure.Invalid("start", "start must be an ISO 8601 timestamp, e.g. 2026-11-23T10:00:00-05:00.");
        }
        if (PolicyProblem(tenant, start, zone) is { } policy)
        {
            return policy;
        }
        var length = Instant.FromDateTimeUtc(booking.EndAt) - Instant.FromDateTimeUtc(booking.StartAt);
        var buffer = Instant.FromDateTimeUtc(booking.BlockedUntil) - Instant.FromDateTimeUtc(booking.EndAt);
        if (!SlotFinder.WithinHours(provider.Hours(), zone, start, start + length))
        {
            return new BookingFailure(BookingFailureKind.Refused, OutsideHoursDetail(provider.Name, service, start, zone));
        }
        booking.StartAt = start.ToDateTimeUtc();
        booking.EndAt = (start + length).ToDateTimeUtc();
        booking.BlockedUntil = (start + length + buffer).ToDateTimeUtc();
        booking.Touch(time.GetUtcNow().UtcDateTime);
        return await WriteAsync(booking, isNew: false, tenant, service, provider, cancellationToken) is { } failure ? failure : booking;
    }

    /// <summary>
    /// Cancels a booking and its reminder. Inside the tenant's cancellation window this is refused unless
    /// <paramref name="force"/> is set by someone who <paramref name="mayForce"/> (owners, admins, secret keys).
    /// </summary>
    public async Task<BookingOutcome> CancelAsync(Guid id, bool force, bool mayForce, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            return NotFound();
        }
        if (booking.Status == BookingStatus.Cancelled)
        {
            return booking;
        }
        if (booking.Status != BookingStatus.Confirmed)
        {
            return new BookingFailure(BookingFailureKind.Refused, $"This booking is {booking.Status.Name()} and can no longer be cancelled.");
        }
        var tenant = await BookingTenant.CachedAsync(db, cache, cancellationToken);
        var start = Instant.FromDateTimeUtc(booking.StartAt);
        if (tenant.Policy.InsideCancellationWindow(start, Now))
        {
            if (!force)
            {
                return new BookingFailure(BookingFailureKind.Refused,
                    $"Bookings can be cancelled up to {tenant.Policy.CancellationMinutes} minutes before they start, and this one starts " +
                    $"at {ZonedTime.Format(start, tenant.Zone)}. An owner or admin may cancel it anyway with {{\"force\": true}}.");
            }
            if (!mayForce)
            {
                return new BookingFailure(BookingFailureKind.Forbidden, "Only owners and admins may force a late cancellation.");
            }
        }
        booking.Status = BookingStatus.Cancelled;
        booking.CancelledAt = time.GetUtcNow().UtcDateTime;
        booking.Touch(booking.CancelledAt.Value);
        await reminders.CancelAsync(ReminderKind.Booking, booking.Id, cancellationToken);
        return await SaveChangeAsync(booking, cancellationToken);
    }

    /// <summary>Marks a booking completed or no-show, or back to confirmed; a cancelled booking stays cancelled.</summary>
    public async Task<BookingOutcome> SetStatusAsync(Guid id, BookingStatus status, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            return NotFound();
        }
        if (booking.Status == BookingStatus.Cancelled)
        {
            return new BookingFailure(BookingFailureKind.Refused, "A cancelled booking stays cancelled; book the time again instead.");
        }
        if (booking.Status == status)
        {
            return booking;
        }
        booking.Status = status;
        booking.Touch(time.GetUtcNow().UtcDateTime);
        if (status == BookingStatus.Confirmed)
        {
            var tenant = await BookingTenant.CachedAsync(db, cache, cancellationToken);
            var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == booking.ServiceId, cancellationToken);
            var provider = await db.Providers.AsNoTracking().FirstAsync(p => p.Id == booking.ProviderId, cancellationToken);
            await PlanReminderAsync(booking, tenant, service, provider, cancellationToken);
        }
        else
        {
            await reminders.CancelAsync(ReminderKind.Booking, booking.Id, cancellationToken);
        }
        return await SaveChangeAsync(booking, cancellationToken);
    }

    /// <summary>Active providers performing the service, by name.</summary>
    public IQueryable<Provider> ProvidersOf(Guid serviceId) =>
        db.Providers.AsNoTracking()
            .Where(p => p.Active && db.ProviderServices.Any(ps => ps.ProviderId == p.Id && ps.ServiceId == serviceId))
            .OrderBy(p => p.Name).ThenBy(p => p.Id);

    public Task<bool> PerformsAsync(Guid providerId, Guid serviceId, CancellationToken cancellationToken) =>
        db.ProviderServices.AnyAsync(ps => ps.ProviderId == providerId && ps.ServiceId == serviceId, cancellationToken);

    /// <summary>Why a named provider cannot take bookings of the service, or null.</summary>
    public static BookingFailure? ProviderProblem(Provider? provider, Service service, bool performs) =>
        provider is null ? BookingFailure.Invalid("provider_id", "There is no provider with this id.")
        : !provider.Active ? BookingFailure.Invalid("provider_id", $"{provider.Name} is not taking bookings.")
        : !performs ? BookingFailure.Invalid("provider_id", $"{provider.Name} does not perform '{service.Name}'.")
        : null;

    /// <summary>
    /// Checks that the booking's time is free and saves it (new or moved) with its reminder. Serialised per provider
    /// on SQLite; on PostgreSQL the exclusion constraint is the arbiter, the check only spares it most attempts.
    /// </summary>
    private async Task<BookingFailure?> WriteAsync(
        BookingRow booking, bool isNew, BookingTenant tenant, Service service, Provider provider, CancellationToken cancellationToken)
    {
        var zone = tenant.ZoneOf(provider);
        var start = Instant.FromDateTimeUtc(booking.StartAt);
        // A time already taken is refused from a plain read, without queueing for the provider or the write lock.
        var taken = await OverlapsAsync(booking, cancellationToken);
        if (!taken)
        {
            // Staged before the lock (it reads the reminder row), so the serialised part is only the check and the write.
            await PlanReminderAsync(booking, tenant, service, provider, cancellationToken);
        }
        var serialise = !taken && db.Database.IsSqlite();
        using var held = serialise ? await locks.AcquireAsync(db.CurrentTenantId, provider.Id, cancellationToken) : null;
        await using var transaction = serialise ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // On SQLite the check that counts is this one, under the lock and inside the immediate transaction.
        if (taken || (serialise && await OverlapsAsync(booking, cancellationToken)))
        {
            Forget(booking, isNew);
            return new BookingFailure(BookingFailureKind.Conflict,
                $"{Local(start, zone)} is already taken with {provider.Name}. Ask GET /api/availability for free times.");
        }
        if (isNew)
        {
            db.Bookings.Add(booking);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return null;
        }
        catch (DbUpdateException e) when (e.IsOverlap())
        {
            // Another request took an overlapping time after our check: the database kept the first.
            Forget(booking, isNew);
            return new BookingFailure(BookingFailureKind.Conflict,
                $"{Local(start, zone)} was just taken with {provider.Name}. Ask GET /api/availability for free times.");
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget(booking, isNew);
            return new BookingFailure(BookingFailureKind.Conflict, "The booking was changed by another request meanwhile; read it again and retry.");
        }
        catch (DbUpdateException e) when (e.IsMissingReference())
        {
            Forget(booking, isNew);
            return new BookingFailure(BookingFailureKind.Refused, "The service or provider was removed meanwhile.");
        }
    }

    private Task<bool> OverlapsAsync(BookingRow booking, CancellationToken cancellationToken)
    {
        var (id, providerId, start, until) = (booking.Id, booking.ProviderId, booking.StartAt, booking.BlockedUntil);
        return db.Bookings.AnyAsync(
            b => b.ProviderId == providerId && b.Id != id && b.Status != BookingStatus.Cancelled && b.StartAt < until && b.BlockedUntil > start,
            cancellationToken);
    }

    private async Task<BookingOutcome> SaveChangeAsync(BookingRow booking, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return booking;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new BookingFailure(BookingFailureKind.Conflict, "The booking was changed by another request meanwhile; read it again and retry.");
        }
    }

    private async Task PlanReminderAsync(BookingRow booking, BookingTenant tenant, Service service, Provider provider, CancellationToken cancellationToken)
    {
        var start = Instant.FromDateTimeUtc(booking.StartAt);
        var due = tenant.Policy.ReminderDue(start, Now);
        var text = BookingReminderText.For(tenant.Language, tenant.Name, service.Name, provider.Name, start.InZone(tenant.ZoneOf(provider)));
        await reminders.PlanAsync(
            new ReminderPlan(ReminderKind.Booking, booking.Id, due?.ToDateTimeOffset(), start.ToDateTimeOffset(), text, ContactId: booking.ContactId),
            cancellationToken);
    }

    /// <summary>Undoes what a refused write staged, so a retry with another provider starts clean.</summary>
    private void Forget(BookingRow booking, bool isNew)
    {
        if (isNew)
        {
            db.Entry(booking).State = EntityState.Detached;
        }
        foreach (var entry in db.ChangeTracker.Entries<Reminder>().Where(r => r.Entity.SourceId == booking.Id).ToList())
        {
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
        }
    }

    private BookingFailure? PolicyProblem(BookingTenant tenant, Instant start, DateTimeZone zone)
    {
        var now = Now;
        if (start < tenant.Policy.EarliestStart(now))
        {
            return new BookingFailure(BookingFailureKind.Refused, start < now
                ? $"{Local(start, zone)} is in the past."
                : $"Bookings need {tenant.Policy.MinAdvanceMinutes} minutes' notice; the earliest start now is {Local(tenant.Policy.EarliestStart(now), zone)}.");
        }
        if (start > tenant.Policy.LatestStart(now))
        {
            return new BookingFailure(BookingFailureKind.Refused,
                $"Bookings open {tenant.Policy.MaxAdvanceDays} days ahead; the latest start now is {Local(tenant.Policy.LatestStart(now), zone)}.");
        }
        return null;
    }

    private static string OutsideHoursDetail(string? providerName, Service service, Instant start, DateTimeZone zone) =>
        providerName is not null
            ? $"{providerName} does not work at {Local(start, zone)} for all {service.DurationMinutes} minutes of '{service.Name}'."
            : $"No provider of '{service.Name}' works at {Local(start, zone)} for all {service.DurationMinutes} minutes.";

    private static string Local(Instant instant, DateTimeZone zone) => ZonedTime.Format(instant, zone);

    private static BookingFailure NotFound() => new(BookingFailureKind.NotFound, "No such booking.");
}
