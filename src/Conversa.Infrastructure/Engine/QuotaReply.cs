namespace Conversa.Infrastructure.Engine;

/// <summary>
/// What a customer reads when the tenant has used its plan's messages for the month: a short fixed apology (no model,
/// no agent), recorded like any reply, with a <c>quota_exceeded</c> action; the month's first one also tells the staff.
/// </summary>
public static class QuotaReply
{
    private static readonly Localized Customer = new(
        "Gracias por escribirnos. En este momento no podemos responder automáticamente; el equipo te contactará lo antes posible.",
        "Obrigado por escrever. No momento não conseguimos responder automaticamente; a equipe entrará em contato o quanto antes.",
        "Thanks for your message. We can't answer automatically right now; the team will get back to you as soon as possible.");

    private static readonly Localized Staff = new(
        "Conversa: se alcanzó el límite de {0} mensajes del plan este mes. Los clientes reciben una respuesta fija hasta que cambie el plan o empiece el próximo mes.",
        "Conversa: o limite de {0} mensagens do plano foi atingido este mês. Os clientes recebem uma resposta fixa até o plano mudar ou o próximo mês começar.",
        "Conversa: the plan's limit of {0} messages was reached this month. Customers get a fixed reply until the plan changes or next month starts.");

    public static AgentReply For(AgentTurn turn, QuotaRefusal refusal) => new(turn.Say(Customer))
    {
        Agent = AgentNames.Router,
        Actions = [AgentAction.Of("quota_exceeded", ("limit", "messages"))],
        Notify = refusal.FirstRefusal ? string.Format(System.Globalization.CultureInfo.InvariantCulture, Staff.In(turn.Profile.DefaultLanguage), refusal.Limit) : null,
    };
}
