using Conversa.Api.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>GET /api/widget/messages</c>'s query: <c>visitor_id</c>, <c>after</c> (the id of a reply the visitor already has)
/// and <c>limit</c> (1–200, default 50).
/// </summary>
public sealed record WidgetFeedQuery(
    [FromQuery(Name = "visitor_id")] string? VisitorId,
    [FromQuery(Name = "after")] string? After,
    [FromQuery(Name = "limit")] int? Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public WidgetFeedRequest? Read(ValidationErrors errors)
    {
        var visitorId = VisitorId?.Trim();
        if (string.IsNullOrEmpty(visitorId))
        {
            errors.Add(WidgetVisitor.Field, $"{WidgetVisitor.Field} is required.");
        }
        else
        {
            errors.When(visitorId.Length > WidgetVisitor.MaxIdLength, WidgetVisitor.Field, $"{WidgetVisitor.Field} is at most {WidgetVisitor.MaxIdLength} characters.");
            WidgetVisitor.Check(visitorId, errors);
        }
        Guid? after = null;
        if (!string.IsNullOrWhiteSpace(After))
        {
            if (Guid.TryParse(After.Trim(), out var id))
            {
                after = id;
            }
            else
            {
                errors.Add("after", "after must be the id of a message (next_cursor of the previous answer).");
            }
        }
        errors.When(Limit is < 1 or > MaxLimit, "limit", $"limit is 1 to {MaxLimit}.");
        return errors.Any ? null : new WidgetFeedRequest(visitorId!, after, Limit ?? DefaultLimit);
    }
}

public sealed record WidgetFeedRequest(string VisitorId, Guid? After, int Limit);
