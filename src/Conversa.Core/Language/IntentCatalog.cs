namespace Conversa.Core.Language;

/// <summary>
/// What the intent classifier knows: keyword phrases and example utterances, as plain records so sector templates
/// and tenants can add to the defaults (<see cref="With"/>) and store theirs as data.
/// </summary>
public sealed record IntentCatalog(IReadOnlyList<IntentKeyword> Keywords, IReadOnlyList<IntentExample> Examples)
{
    /// <summary>The builtin lexicons and examples for Spanish, Portuguese and English.</summary>
    public static IntentCatalog Default => DefaultIntentCatalog.Catalog;

    public static IntentCatalog Empty { get; } = new([], []);

    public IntentCatalog With(IEnumerable<IntentKeyword>? keywords = null, IEnumerable<IntentExample>? examples = null) =>
        new([.. Keywords, .. keywords ?? []], [.. Examples, .. examples ?? []]);
}
