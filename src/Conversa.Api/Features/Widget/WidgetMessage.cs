using System.Text.Json.Nodes;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Widget;

/// <summary><c>POST /api/widget/messages</c>'s body: <c>{visitor_id, message}</c> (see <see cref="WidgetVisitor"/>).</summary>
public sealed record WidgetMessage(string VisitorId, string Message)
{
    public const int MaxMessageLength = 2000;

    public static WidgetMessage? Read(JsonObject? body, ValidationErrors errors)
    {
        var fields = new BodyFields(body, errors);
        var visitorId = fields.String(WidgetVisitor.Field, WidgetVisitor.MaxIdLength, required: true);
        var message = fields.String("message", MaxMessageLength, required: true);
        if (visitorId is not null)
        {
            WidgetVisitor.Check(visitorId, errors);
        }
        return errors.Any || visitorId is null || message is null ? null : new WidgetMessage(visitorId, message);
    }
}
