using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>POST /api/widget/messages</c>'s body: <c>{visitor_id, message}</c>. The visitor id is the widget's own random id
/// (kept in the visitor's browser); it only ever names a contact inside the key's tenant (<c>widget:{visitor_id}</c>).
/// </summary>
public sealed partial record WidgetMessage(string VisitorId, string Message)
{
    public const int MinVisitorIdLength = 8;
    public const int MaxVisitorIdLength = 64;
    public const int MaxMessageLength = 2000;

    public static WidgetMessage? Read(JsonObject? body, ValidationErrors errors)
    {
        var fields = new BodyFields(body, errors);
        var visitorId = fields.String("visitor_id", MaxVisitorIdLength, required: true);
        var message = fields.String("message", MaxMessageLength, required: true);
        if (visitorId is not null && visitorId.Length <= MaxVisitorIdLength)
        {
            errors.When(visitorId.Length < MinVisitorIdLength, "visitor_id", $"visitor_id is at least {MinVisitorIdLength} characters.");
            errors.When(!VisitorIdCharacters().IsMatch(visitorId), "visitor_id", "visitor_id may hold only letters, digits, '-' and '_'.");
        }
        return errors.Any || visitorId is null || message is null ? null : new WidgetMessage(visitorId, message);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex VisitorIdCharacters();
}
