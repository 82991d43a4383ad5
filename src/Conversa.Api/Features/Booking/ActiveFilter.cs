using System.Linq.Expressions;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Booking;

/// <summary><c>active=true</c> (the default), <c>false</c> or <c>all</c>, as product lists take it.</summary>
internal static class ActiveFilter
{
    public static IResult? Problem(string? active) =>
        active is null or "" or "true" or "false" or "all" ? null : Problems.Validation("active", "active must be true, false or all.");

    public static IQueryable<T> Apply<T>(IQueryable<T> rows, string? active, Expression<Func<T, bool>> isActive) => active switch
    {
        "all" => rows,
        "false" => rows.Where(Expression.Lambda<Func<T, bool>>(
            Expression.Not(isActive.Body), isActive.Parameters)),
        _ => rows.Where(isActive),
    };
}
