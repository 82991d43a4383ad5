using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Infrastructure.Personal;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// Filters of <c>GET /api/personal/tasks</c>: <c>status</c>, <c>priority</c>, <c>category</c>, <c>overdue=true|false</c>,
/// <c>upcoming_days=N</c> (open tasks due from now to N days ahead), and <c>from</c>/<c>to</c> on the due date.
/// </summary>
public sealed record TaskQuery(
    string? Status,
    string? Priority,
    string? Category,
    string? Overdue,
    [FromQuery(Name = "upcoming_days")] string? UpcomingDays,
    string? From,
    string? To)
{
    public TaskFilter ToFilter(DateTimeZone zone, ValidationErrors errors)
    {
        PersonalTaskStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (PersonalEnums.TryParseStatus(Status, out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", $"status must be {PersonalEnums.StatusNames}.");
            }
        }
        TaskPriority? priority = null;
        if (!string.IsNullOrWhiteSpace(Priority))
        {
            if (PersonalEnums.TryParsePriority(Priority, out var p))
            {
                priority = p;
            }
            else
            {
                errors.Add("priority", $"priority must be {PersonalEnums.PriorityNames}.");
            }
        }
        bool? overdue = Overdue?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        errors.When(overdue is null && !string.IsNullOrWhiteSpace(Overdue), "overdue", "overdue must be true or false.");
        var (from, to) = AgendaQueryText.Window(From, To, zone, errors);
        var days = AgendaQueryText.UpcomingDays(UpcomingDays, from is not null || to is not null, errors);
        return new TaskFilter(status, priority, AgendaQueryText.Category(Category, errors), overdue, days, from, to);
    }
}
