using System.Text.Json.Nodes;

namespace Conversa.Core.Billing;

/// <summary>A tenant's own <c>limits</c> (set by a superadmin) over its plan's: each one set replaces the plan's.</summary>
public static class TenantLimits
{
    /// <summary>The limits the tenant's own <c>limits</c> JSON sets (a merge patch removes null ones, so a present one is a number); the rest null.</summary>
    public static PlanLimits Own(string? limitsJson)
    {
        var own = limitsJson is null ? null : JsonNode.Parse(limitsJson) as JsonObject;
        return new PlanLimits
        {
            Messages = Number(own, "messages"),
            AiTokens = Number(own, "ai_tokens"),
            Bookings = Number(own, "bookings"),
            Documents = Number(own, "documents"),
        };
    }

    /// <summary>The limits in force: the tenant's own where set, else the plan's.</summary>
    public static PlanLimits Over(this PlanLimits own, PlanLimits plan) => new()
    {
        Messages = own.Messages ?? plan.Messages,
        AiTokens = own.AiTokens ?? plan.AiTokens,
        Bookings = own.Bookings ?? plan.Bookings,
        Documents = own.Documents ?? plan.Documents,
    };

    private static long? Number(JsonObject? limits, string name) =>
        limits?[name] is JsonValue value && value.TryGetValue<long>(out var limit) ? limit : null;
}
