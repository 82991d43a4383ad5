using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Personal;

/// <summary>
/// Which tasks to list. <see cref="Overdue"/> true: due before now and not completed (false: the rest).
/// <see cref="UpcomingDays"/>: not completed and due between now and that many days ahead.
/// <see cref="DueFrom"/>/<see cref="DueTo"/> bound the due time as <c>[DueFrom, DueTo)</c>.
/// </summary>
public sealed record TaskFilter(
    PersonalTaskStatus? Status = null,
    TaskPriority? Priority = null,
    string? Category = null,
    bool? Overdue = null,
    int? UpcomingDays = null,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueTo = null);
