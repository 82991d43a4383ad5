using Conversa.Api.Hosting;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Conversations;
using Microsoft.AspNetCore.Mvc;

namespace Conversa.Api.Features.Conversations;

/// <summary>Filters of <c>GET /api/conversations</c>: <c>status</c>, <c>channel</c>, <c>contact_id</c>.</summary>
public sealed record ConversationQuery(string? Status, string? Channel, [FromQuery(Name = "contact_id")] string? ContactId)
{
    public ConversationFilter ToFilter(ValidationErrors errors)
    {
        ConversationStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (ConversationNames.TryParseStatus(Status, out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", $"status must be {ConversationNames.StatusNames}.");
            }
        }
        ConversationChannel? channel = null;
        if (!string.IsNullOrWhiteSpace(Channel))
        {
            if (ConversationNames.TryParseChannel(Channel, out var c))
            {
                channel = c;
            }
            else
            {
                errors.Add("channel", $"channel must be {ConversationNames.ChannelNames}.");
            }
        }
        Guid? contactId = null;
        if (!string.IsNullOrWhiteSpace(ContactId))
        {
            if (Guid.TryParse(ContactId, out var id))
            {
                contactId = id;
            }
            else
            {
                errors.Add("contact_id", "contact_id must be a contact's id.");
            }
        }
        return new ConversationFilter(status, channel, contactId);
    }
}
