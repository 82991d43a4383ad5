using Conversa.Core.Personal;
using Conversa.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Personal;

public sealed partial class PersonalAgenda
{
    public async Task<AgendaResult<PersonalTask>> CreateTaskAsync(Guid userId, TaskDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Validate() is { Count: > 0 } errors)
        {
            return AgendaResult.Invalid<PersonalTask>(errors);
        }
        if (!await IsUserAsync(userId, cancellationToken))
        {
            return AgendaResult.UnknownUser<PersonalTask>();
        }
        var now = UtcNow;
        var task = new PersonalTask { UserId = userId, CreatedAt = now };
        task.Apply(draft, now);
        db.PersonalTasks.Add(task);
        await PlanReminderAsync(task, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return AgendaResult.Ok(task);
    }

    public Task<PersonalTask?> FindTaskAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        Tasks(userId).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Replaces every field of the user's task (PUT; a PATCH merges into <see cref="PersonalTask.ToDraft"/> first).</summary>
    public async Task<AgendaResult<PersonalTask>> ReplaceTaskAsync(Guid userId, Guid id, TaskDraft draft, CancellationToken cancellationToken)
    {
        var task = await Tasks(userId).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return AgendaResult.NotFound<PersonalTask>();
        }
        if (draft.Validate() is { Count: > 0 } errors)
        {
            return AgendaResult.Invalid<PersonalTask>(errors);
        }
        task.Apply(draft, UtcNow);
        await PlanReminderAsync(task, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return AgendaResult.Ok(task);
    }

    /// <summary>Moves a task to another status and keeps everything else ("mark it done").</summary>
    public async Task<AgendaResult<PersonalTask>> SetTaskStatusAsync(
        Guid userId, Guid id, PersonalTaskStatus status, CancellationToken cancellationToken) =>
        await FindTaskAsync(userId, id, cancellationToken) is { } task
            ? await ReplaceTaskAsync(userId, id, task.ToDraft() with { Status = status }, cancellationToken)
            : AgendaResult.NotFound<PersonalTask>();

    public async Task<bool> DeleteTaskAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var task = await Tasks(userId).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return false;
        }
        db.PersonalTasks.Remove(task);
        await reminders.CancelAsync(ReminderKind.Task, task.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The user's tasks matching the filter: high priority first, then by due time (none last), then oldest first.</summary>
    public async Task<AgendaPage<PersonalTask>> ListTasksAsync(Guid userId, TaskFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var query = Tasks(userId).AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }
        if (filter.Priority is { } priority)
        {
            query = query.Where(t => t.Priority == priority);
        }
        query = filter.Overdue switch
        {
            true => query.Where(t => t.DueAt < now && t.Status != PersonalTaskStatus.Completed),
            false => query.Where(t => t.DueAt == null || t.DueAt >= now || t.Status == PersonalTaskStatus.Completed),
            null => query,
        };
        if (filter.UpcomingDays is { } days)
        {
            var until = now.AddDays(Math.Clamp(days, 0, MaxUpcomingDays));
            query = query.Where(t => t.DueAt >= now && t.DueAt < until && t.Status != PersonalTaskStatus.Completed);
        }
        if (filter.DueFrom is { } dueFrom)
        {
            var from = dueFrom.UtcDateTime;
            query = query.Where(t => t.DueAt >= from);
        }
        if (filter.DueTo is { } dueTo)
        {
            var to = dueTo.UtcDateTime;
            query = query.Where(t => t.DueAt < to);
        }
        if (filter.Category is { } category)
        {
            var matching = await MatchingCategoriesAsync(query.Select(t => t.Category), category, cancellationToken);
            query = query.Where(t => t.Category != null && matching.Contains(t.Category));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(t => t.Priority == TaskPriority.High ? 0 : t.Priority == TaskPriority.Medium ? 1 : 2)
            .ThenBy(t => t.DueAt == null)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .Skip(offset).Take(limit)
            .ToListAsync(cancellationToken);
        return new AgendaPage<PersonalTask>(items, total);
    }

    /// <summary>
    /// The user's task categories with how many tasks each has. Spellings that differ only in case or accents are
    /// one category, shown as its most used spelling.
    /// </summary>
    public async Task<IReadOnlyList<CategoryCount>> TaskCategoriesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var counts = await Tasks(userId).Where(t => t.Category != null)
            .GroupBy(t => t.Category!).Select(g => new { Name = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts
            .GroupBy(c => CategoryKey(c.Name), StringComparer.Ordinal)
            .Select(g => new CategoryCount(
                g.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).First().Name,
                g.Sum(c => c.Count)))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private IQueryable<PersonalTask> Tasks(Guid userId) => db.PersonalTasks.Where(t => t.UserId == userId);

    /// <summary>A task is reminded before its due time while it has one, asks for a reminder and is not completed.</summary>
    private async Task PlanReminderAsync(PersonalTask task, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(cancellationToken);
        DateTimeOffset? due = task.DueAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
        var wanted = due is not null && task.ReminderMinutes is not null && task.Status != PersonalTaskStatus.Completed;
        await reminders.PlanAsync(new ReminderPlan(
            ReminderKind.Task,
            task.Id,
            DueAt: wanted ? due!.Value.AddMinutes(-task.ReminderMinutes!.Value) : null,
            EventAt: due,
            Text: task.DueAt is { } dueAt ? ReminderText.ForTask(task.Title, dueAt, task.DueAllDay, calendar.Zone, calendar.Language) : "",
            UserId: task.UserId), cancellationToken);
    }
}
