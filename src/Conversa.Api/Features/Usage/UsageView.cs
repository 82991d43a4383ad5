namespace Conversa.Api.Features.Usage;

/// <summary><c>GET /api/usage</c>: the plan, the month (<c>yyyy-MM</c>, UTC), its limits (null = unlimited) and what is used.</summary>
public sealed record UsageView(string Plan, string Period, UsageFigures Limits, UsageFigures Used);

public sealed record UsageFigures(long? Messages, long? AiTokens, long? Bookings, long? Documents);
