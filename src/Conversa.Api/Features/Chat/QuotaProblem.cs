using System.Globalization;
using Conversa.Api.Hosting;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// How an HTTP action answers over a monthly limit (messages, or <c>ai_tokens</c> for an action that needs a model):
/// <c>429</c> with type <c>quota-exceeded</c>, a detail naming the limit and <c>Retry-After</c> until the count starts
/// again. Channels send the polite reply instead.
/// </summary>
public static class QuotaProblem
{
    public const string Type = "quota-exceeded";

    public static string Detail(QuotaRefusal refusal) => string.Create(CultureInfo.InvariantCulture,
        $"The monthly {Name(refusal.Kind)} limit of the plan ({refusal.Limit}) is reached; it resets at {refusal.ResetsAt:yyyy-MM-ddTHH:mm:ssZ}.");

    /// <summary>The limit as <c>GET /api/usage</c> names it.</summary>
    private static string Name(UsageLimit limit) => limit == UsageLimit.AiTokens ? "ai_tokens" : "messages";

    public static TimeSpan RetryAfter(QuotaRefusal refusal, TimeProvider time) => refusal.ResetsAt - time.GetUtcNow();

    public static IResult For(QuotaRefusal refusal, TimeProvider time, HttpContext http) =>
        Problems.TooManyRequests(Detail(refusal), RetryAfter(refusal, time), http, Type);
}
