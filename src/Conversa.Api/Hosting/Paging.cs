using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Hosting;

/// <summary><c>limit</c> (default 50, max 200) and an opaque <c>cursor</c>, as every list in API.md takes them.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static bool TryParse(int? limit, string? cursor, out Paging paging, out IResult? problem)
    {
        paging = default;
        problem = null;
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            problem = Problems.Validation("limit", $"limit must be between 1 and {MaxLimit}.");
            return false;
        }
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !TryDecode(cursor, out offset))
        {
            problem = Problems.Validation("cursor", "cursor is not one this server issued.");
            return false;
        }
        paging = new Paging(offset, take);
        return true;
    }

    public Page<T> Page<T>(IReadOnlyList<T> items, int total) =>
        new(items, Offset + items.Count < total ? Encode(Offset + items.Count) : null, total);

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) &&
                   int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, int Total);

public static class PagingExtensions
{
    /// <summary>One page of an ordered query as <c>{items, next_cursor, total}</c>, or the 400 for bad paging input.</summary>
    public static async Task<IResult> ToPageAsync<T, TView>(
        this IQueryable<T> ordered, int? limit, string? cursor, Func<T, TView> view, CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(paging.Page(items.Select(view).ToList(), total));
    }
}
