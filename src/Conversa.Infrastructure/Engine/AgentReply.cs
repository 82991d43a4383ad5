using System.Text.Json.Nodes;

namespace Conversa.Infrastructure.Engine;

/// <summary>A knowledge-base passage a reply was built from (<c>sources</c> in API.md).</summary>
public sealed record SourceRef(Guid DocumentId, string Title, string? HeadingPath = null);

/// <summary>
/// Something the reply did or offers besides its text (<c>actions</c> in API.md): <c>booking_created</c>,
/// <c>booking_cancelled</c>, <c>link</c>, <c>handoff</c>, <c>task_created</c>… with its details as fields.
/// </summary>
public sealed record AgentAction(string Type, JsonObject Data)
{
    public static AgentAction Of(string type, params (string Key, JsonNode? Value)[] fields)
    {
        var data = new JsonObject();
        foreach (var (key, value) in fields)
        {
            data[key] = value;
        }
        return new AgentAction(type, data);
    }

    /// <summary>The action as API.md shows it: <c>{type, ...fields}</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        foreach (var (key, value) in Data)
        {
            json[key] = value?.DeepClone();
        }
        return json;
    }
}

/// <summary>
/// What an agent answers. <see cref="NoMatch"/> says the agent could not help with the message (nothing found,
/// nothing understood): the engine counts those and offers a human. <see cref="Handoff"/> asks the engine to hand
/// the conversation to a human after this reply; <see cref="Notify"/> is a message for the tenant's staff
/// (sent through the outbox to <c>settings.emergency.notify_phone</c>). <see cref="Agent"/> overrides the name of
/// the agent that answered (an agent that hands over to another one says so).
/// </summary>
public sealed record AgentReply(string Text)
{
    public string? Intent { get; init; }
    public string? Agent { get; init; }
    public IReadOnlyList<SourceRef> Sources { get; init; } = [];
    public IReadOnlyList<AgentAction> Actions { get; init; } = [];
    public IReadOnlyList<string> QuickReplies { get; init; } = [];
    public bool NoMatch { get; init; }
    public bool Handoff { get; init; }
    public string? HandoffReason { get; init; }
    public string? Notify { get; init; }
}
