using System.Globalization;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Over the monthly <c>ai_tokens</c> limit the customer is answered by the builtin agents (no model); the staff hear of it
/// with the month's first such answer, whichever node gives it (<see cref="UsageLedger.ClaimNoticeAsync"/>).
/// </summary>
public sealed class AiTokenNotice(AppDbContext db, UsageLedger usage)
{
    private static readonly Localized Staff = new(
        "Conversa: se alcanzó el límite de {0} tokens de IA del plan este mes. El asistente responde sin el modelo de IA hasta que cambie el plan o empiece el próximo mes.",
        "Conversa: o limite de {0} tokens de IA do plano foi atingido este mês. O assistente responde sem o modelo de IA até o plano mudar ou o próximo mês começar.",
        "Conversa: the plan's limit of {0} AI tokens was reached this month. The assistant answers without the AI model until the plan changes or next month starts.");

    /// <summary>The builtin reply, carrying the staff notice when this is the month's first one (and it carries no other).</summary>
    public async Task<AgentReply> AddAsync(AgentReply reply, AgentTurn turn, QuotaRefusal spent, CancellationToken cancellationToken) =>
        reply.Notify is null && await usage.ClaimNoticeAsync(db, UsageLimit.AiTokens, cancellationToken)
            ? reply with { Notify = string.Format(CultureInfo.InvariantCulture, Staff.In(turn.Profile.DefaultLanguage), spent.Limit) }
            : reply;
}
