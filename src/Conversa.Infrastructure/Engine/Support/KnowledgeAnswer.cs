namespace Conversa.Infrastructure.Engine.Support;

/// <summary>An extractive answer: the chosen sentences of one or two passages, and where they come from.</summary>
public sealed record KnowledgeAnswer(IReadOnlyList<KnowledgePassage> Passages)
{
    private static readonly Localized Source = new("Fuente", "Fonte", "Source");
    private static readonly Localized Sources = new("Fuentes", "Fontes", "Sources");

    public IReadOnlyList<SourceRef> SourceRefs => Passages.Select(p => p.Source).ToList();

    /// <summary>"La aplicación de botox cuesta 250 USD por zona.\n\nFuente: Precios > Botox"</summary>
    public string Text(string language)
    {
        var body = string.Join(" ", Passages.SelectMany(p => p.Sentences));
        var label = (Passages.Count == 1 ? Source : Sources).In(language);
        return body + "\n\n" + label + ": " + string.Join("; ", Passages.Select(p => p.Citation));
    }
}
