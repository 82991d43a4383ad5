using System.Text.Json.Nodes;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Conversations;

/// <summary>
/// What the assistant remembers about one contact across turns and channels (one row per contact): the last
/// intent, the language they write in, the slots of a dialog in progress (service, day, time… as a JSON object),
/// which dialog is waiting for an answer, and how often in a row nothing matched, so a human is offered — with a
/// back-off (<see cref="LastHandoffOfferAt"/>) — instead of nagging.
/// </summary>
public sealed class ContactContext : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ContactId { get; set; }
    public string? LastIntent { get; set; }
    public string? Language { get; set; }
    public JsonObject Slots { get; set; } = [];
    public string? PendingDialog { get; set; }
    public int NoMatchCount { get; set; }
    public DateTime? LastHandoffOfferAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
