using System.Text.Json.Serialization;

namespace Conversa.Api.Features.OpenAi;

/// <summary>OpenAI's model object: one of the tenant's assistants.</summary>
public sealed record OpenAiModelView(string Id, long Created, string OwnedBy)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string ObjectType => "model";
}

/// <summary>OpenAI's list shape: <c>{object: "list", data: [...]}</c>.</summary>
public sealed record OpenAiModelList(IReadOnlyList<OpenAiModelView> Data)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string ObjectType => "list";
}
