using System.Text.Json.Nodes;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// A possible emergency: a fixed safety message at once (the tenant's <c>settings.emergency.message</c> or the
/// builtin one, never a model's words), a handoff to a human and a notice to the staff. Any dialog in progress is
/// dropped: nothing else matters in that conversation now.
/// </summary>
public sealed class EmergencyAgent : IAgent
{
    private static readonly Localized Safety = new(
        "Lo que describes puede ser una urgencia. Si es grave, llama ahora a los servicios de emergencia o acude a urgencias más cercanas. " +
        "Ya avisé a nuestro equipo para que te contacte de inmediato.",
        "O que você descreve pode ser uma emergência. Se for grave, ligue agora para o serviço de emergência (SAMU 192) ou vá ao pronto-socorro mais próximo. " +
        "Já avisei nossa equipe para entrar em contato imediatamente.",
        "What you describe may be an emergency. If it is serious, call your local emergency number now or go to the nearest emergency room. " +
        "I've alerted our team so they contact you right away.");

    public string Name => AgentNames.Emergency;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.Emergency];

    public Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        turn.Context.PendingDialog = null;
        turn.Context.Slots.Clear();
        var categories = turn.Prediction.Emergencies.Select(e => e.Keyword.Category).Distinct().ToList();
        var who = turn.Contact.Phone is { } phone ? $"{turn.Contact.Name} ({phone})".Trim() : turn.Contact.Name;
        var text = turn.Profile.EmergencyMessage is { } custom && turn.Language == turn.Profile.DefaultLanguage ? custom : turn.Say(Safety);
        return Task.FromResult(new AgentReply(text)
        {
            Intent = Core.Language.Intents.Emergency,
            Handoff = true,
            HandoffReason = "emergency: " + string.Join(", ", categories),
            Notify = $"[{turn.Profile.TenantName}] Possible emergency from {(who.Length > 0 ? who : "a contact")} " +
                $"(conversation {turn.Conversation.Id}): \"{turn.Text}\"",
            Actions = [AgentAction.Of("emergency", ("categories", new JsonArray(categories.Select(c => (JsonNode)JsonValue.Create(c)).ToArray())))],
        });
    }
}
