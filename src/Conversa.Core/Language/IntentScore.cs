namespace Conversa.Core.Language;

/// <summary>
/// How well a message fits one intent: <see cref="Score"/> (0 to 1) combines the keyword evidence
/// (<see cref="KeywordScore"/>) and the similarity to the closest example (<see cref="ExampleScore"/>).
/// </summary>
public sealed record IntentScore(string Intent, double Score, double KeywordScore, double ExampleScore);
