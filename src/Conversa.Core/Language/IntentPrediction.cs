namespace Conversa.Core.Language;

/// <summary>
/// The classifier's answer: the chosen <see cref="Intent"/> (null when nothing scored at least
/// <see cref="IntentClassifier.MinimumScore"/>: a no-match the router counts), its score, every intent that scored
/// (best first), and the emergency keywords found, if any.
/// </summary>
public sealed record IntentPrediction(string? Intent, double Score, IReadOnlyList<IntentScore> Ranked, IReadOnlyList<EmergencyMatch> Emergencies)
{
    public bool IsMatch => Intent is not null;

    public bool IsEmergency => Emergencies.Count > 0;
}
