using Conversa.Core.Tenancy;

namespace Conversa.Core.Billing;

[GlobalEntity("Plans are defined by the platform and shared by tenants.")]
public sealed class Plan
{
    public required string Name { get; set; }
    public PlanLimits Limits { get; set; } = new();
    public int RateLimitPerMinute { get; set; } = 60;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public static IReadOnlyList<Plan> BuiltIn() =>
    [
        new() { Name = "free", Limits = new PlanLimits { Messages = 1_000, AiTokens = 200_000, Bookings = 50, Documents = 20 }, RateLimitPerMinute = 60 },
        new() { Name = "pro", Limits = new PlanLimits { Messages = 20_000, AiTokens = 5_000_000, Bookings = 2_000, Documents = 500 }, RateLimitPerMinute = 600 },
        new() { Name = "enterprise", Limits = new PlanLimits { Messages = 500_000, AiTokens = 100_000_000, Bookings = 100_000, Documents = 10_000 }, RateLimitPerMinute = 6_000 },
    ];
}

/// <summary>Monthly limits; null means unlimited.</summary>
public sealed record PlanLimits
{
    public long? Messages { get; init; }
    public long? AiTokens { get; init; }
    public long? Bookings { get; init; }
    public long? Documents { get; init; }
}
