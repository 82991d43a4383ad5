using Conversa.Core.Knowledge;
using Conversa.Core.Personal;
using Conversa.Core.Reminders;
using Conversa.Core.Time;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Conversa.Infrastructure.Personal;

/// <summary>
/// One staff user's own agenda inside the scope's tenant: appointments (with the overlaps between them), tasks,
/// and the WhatsApp number the personal assistant knows them by. Every method takes the user explicitly and reads
/// and writes only that user's rows, so another user's item (an owner's look at an agent's included) answers
/// exactly like a missing one. Reminders are staged on the same <see cref="AppDbContext"/> as the change, so they
/// commit together. The HTTP endpoints and the personal chat agent both work through this class.
/// </summary>
public sealed partial class PersonalAgenda(AppDbContext db, ReminderPlanner reminders, TimeProvider time)
{
    /// <summary>The most conflicts reported for one appointment.</summary>
    public const int MaxConflicts = 50;

    /// <summary>The most days ahead an "upcoming" window reaches.</summary>
    public const int MaxUpcomingDays = 3660;

    private TenantCalendar? _calendar;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The tenant's time zone and language (read once per scope).</summary>
    public async Task<TenantCalendar> CalendarAsync(CancellationToken cancellationToken)
    {
        if (_calendar is null)
        {
            var tenantId = db.CurrentTenantId;
            var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
                .Select(t => new { t.Timezone, t.Language }).FirstAsync(cancellationToken);
            _calendar = new TenantCalendar(ZonedTime.Zone(tenant.Timezone), tenant.Language);
        }
        return _calendar;
    }

    public async Task<AgendaResult<AppointmentEntry>> CreateAppointmentAsync(Guid userId, AppointmentDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Validate() is { Count: > 0 } errors)
        {
            return AgendaResult.Invalid<AppointmentEntry>(errors);
        }
        if (!await IsUserAsync(userId, cancellationToken))
        {
            return AgendaResult.UnknownUser<AppointmentEntry>();
        }
        var now = UtcNow;
        var appointment = new PersonalAppointment { UserId = userId, CreatedAt = now };
        appointment.Apply(draft, now);
        db.PersonalAppointments.Add(appointment);
        await PlanReminderAsync(appointment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return AgendaResult.Ok(await WithConflictsAsync(appointment, cancellationToken));
    }

    public async Task<AppointmentEntry?> FindAppointmentWithConflictsAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await Appointments(userId).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } appointment
            ? await WithConflictsAsync(appointment, cancellationToken)
            : null;

    /// <summary>Replaces every field of the user's appointment (PUT; a PATCH merges into <see cref="PersonalAppointment.ToDraft"/> first).</summary>
    public async Task<AgendaResult<AppointmentEntry>> ReplaceAppointmentAsync(
        Guid userId, Guid id, AppointmentDraft draft, CancellationToken cancellationToken)
    {
        var appointment = await Appointments(userId).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return AgendaResult.NotFound<AppointmentEntry>();
        }
        if (draft.Validate() is { Count: > 0 } errors)
        {
            return AgendaResult.Invalid<AppointmentEntry>(errors);
        }
        appointment.Apply(draft, UtcNow);
        await PlanReminderAsync(appointment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return AgendaResult.Ok(await WithConflictsAsync(appointment, cancellationToken));
    }

    /// <summary>The user's appointment as stored, without conflicts: the base a PATCH merges into.</summary>
    public Task<PersonalAppointment?> FindAppointmentAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        Appointments(userId).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public async Task<bool> DeleteAppointmentAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var appointment = await Appointments(userId).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return false;
        }
        db.PersonalAppointments.Remove(appointment);
        await reminders.CancelAsync(ReminderKind.Appointment, appointment.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The user's appointments in the filter's window, by start time, each with its conflicts.</summary>
    public async Task<AgendaPage<AppointmentEntry>> ListAppointmentsAsync(
        Guid userId, AppointmentFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = Appointments(userId).AsNoTracking();
        var (from, to) = Window(filter.From, filter.To, filter.UpcomingDays);
        query = SharingTime(query, from, to);
        if (filter.Category is { } category)
        {
            var matching = await MatchingCategoriesAsync(query.Select(a => a.Category), category, cancellationToken);
            query = query.Where(a => a.Category != null && matching.Contains(a.Category));
        }
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(a => a.StartAt).ThenBy(a => a.EndAt).ThenBy(a => a.Id)
            .Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new AgendaPage<AppointmentEntry>(await WithConflictsAsync(userId, page, cancellationToken), total);
    }

    /// <summary>The user's other appointments that share time with <c>[start, end)</c>, earliest first.</summary>
    public async Task<IReadOnlyList<PersonalAppointment>> ConflictsAsync(
        Guid userId, DateTime start, DateTime end, Guid? except, CancellationToken cancellationToken)
    {
        // SharingTime is exactly AppointmentOverlap.Overlaps in SQL, so the database does all the work.
        return await SharingTime(Appointments(userId).AsNoTracking(), start, AppointmentOverlap.Occupied(start, end))
            .Where(a => except == null || a.Id != except)
            .OrderBy(a => a.StartAt).ThenBy(a => a.Id)
            .Take(MaxConflicts)
            .ToListAsync(cancellationToken);
    }

    /// <summary>"What do I have tomorrow?": appointments sharing time with the local day and open tasks due on it.</summary>
    public async Task<AgendaDay> DayAsync(Guid userId, LocalDate date, CancellationToken cancellationToken)
    {
        var zone = (await CalendarAsync(cancellationToken)).Zone;
        var from = zone.AtStartOfDay(date).ToDateTimeOffset();
        var to = zone.AtStartOfDay(date.PlusDays(1)).ToDateTimeOffset();
        var appointments = await ListAppointmentsAsync(userId, new AppointmentFilter(from, to), 0, 500, cancellationToken);
        var tasks = await ListTasksAsync(userId, new TaskFilter(DueFrom: from, DueTo: to), 0, 500, cancellationToken);
        return new AgendaDay(date, appointments.Items, tasks.Items.Where(t => t.Status != PersonalTaskStatus.Completed).ToList());
    }

    private IQueryable<PersonalAppointment> Appointments(Guid userId) => db.PersonalAppointments.Where(a => a.UserId == userId);

    /// <summary>Appointments whose occupied time meets <c>[from, to)</c>; a zero-length one at <c>from</c> counts.</summary>
    private static IQueryable<PersonalAppointment> SharingTime(IQueryable<PersonalAppointment> query, DateTime? from, DateTime? to)
    {
        if (from is { } f)
        {
            query = query.Where(a => a.EndAt > f || a.StartAt >= f);
        }
        if (to is { } t)
        {
            query = query.Where(a => a.StartAt < t);
        }
        return query;
    }

    private (DateTime? From, DateTime? To) Window(DateTimeOffset? from, DateTimeOffset? to, int? upcomingDays)
    {
        if (upcomingDays is { } days)
        {
            var now = UtcNow;
            return (now, now.AddDays(Math.Clamp(days, 0, MaxUpcomingDays)));
        }
        return (from?.UtcDateTime, to?.UtcDateTime);
    }

    private Task<bool> IsUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId, cancellationToken);

    private async Task PlanReminderAsync(PersonalAppointment appointment, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(cancellationToken);
        var start = new DateTimeOffset(appointment.StartAt, TimeSpan.Zero);
        await reminders.PlanAsync(new ReminderPlan(
            ReminderKind.Appointment,
            appointment.Id,
            DueAt: appointment.ReminderMinutes is { } minutes ? start.AddMinutes(-minutes) : null,
            EventAt: start,
            Text: ReminderText.ForAppointment(appointment.Title, appointment.StartAt, calendar.Zone, calendar.Language),
            UserId: appointment.UserId), cancellationToken);
    }

    private async Task<AppointmentEntry> WithConflictsAsync(PersonalAppointment appointment, CancellationToken cancellationToken) =>
        new(appointment, await ConflictsAsync(appointment.UserId, appointment.StartAt, appointment.EndAt, appointment.Id, cancellationToken));

    /// <summary>Conflicts for a whole page with one query: every appointment sharing time with the page's span.</summary>
    private async Task<IReadOnlyList<AppointmentEntry>> WithConflictsAsync(
        Guid userId, List<PersonalAppointment> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }
        var from = page.Min(a => a.StartAt);
        var to = page.Max(a => AppointmentOverlap.Occupied(a.StartAt, a.EndAt));
        var nearby = await SharingTime(Appointments(userId).AsNoTracking(), from, to)
            .OrderBy(a => a.StartAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return page.Select(a => new AppointmentEntry(a, nearby
                .Where(o => o.Id != a.Id && AppointmentOverlap.Overlaps(a.StartAt, a.EndAt, o.StartAt, o.EndAt))
                .Take(MaxConflicts).ToList()))
            .ToList();
    }

    /// <summary>
    /// The stored spellings of a category that match the wanted one ignoring case and accents ("Trabajo",
    /// "trabajo" and "TRABAJÓ" are one). A user has few categories, so they are compared in process, alike on
    /// SQLite and PostgreSQL.
    /// </summary>
    private static async Task<List<string>> MatchingCategoriesAsync(
        IQueryable<string?> categories, string wanted, CancellationToken cancellationToken)
    {
        var key = CategoryKey(wanted);
        var stored = await categories.Where(c => c != null).Distinct().ToListAsync(cancellationToken);
        return stored.Where(c => CategoryKey(c!) == key).Select(c => c!).ToList();
    }

    private static string CategoryKey(string category) => TextFolding.Fold(category.Trim());
}
