using Conversa.Infrastructure.Knowledge;

namespace Conversa.Infrastructure.Engine.Support;

/// <summary>
/// Answers a question from the scope tenant's knowledge base, extractively: the first retrieved passage that
/// <see cref="PassageRelevance"/> accepts gives its one or two best sentences; a second passage from elsewhere that
/// covers the question about as well adds its best sentence (at most three in all). Null when nothing is relevant:
/// the assistant then says it does not know rather than reciting a passage about something else.
/// </summary>
public sealed class KnowledgeLookup(KnowledgeBase knowledge)
{
    public const int Candidates = 5;
    private const int MaxSentences = 3;
    private const double SecondPassageShare = 0.9;

    public async Task<KnowledgeAnswer?> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var passages = await SearchAsync(question, Candidates, cancellationToken);
        if (passages.Count == 0)
        {
            return null;
        }
        var best = passages[0] with { Sentences = passages[0].Sentences.Take(2).ToList() };
        var chosen = new List<KnowledgePassage> { best };
        var second = passages.Skip(1).FirstOrDefault(p =>
            p.Chunk.Heading != best.Chunk.Heading && p.Relevance >= SecondPassageShare * best.Relevance);
        if (second is not null && best.Sentences.Count < MaxSentences)
        {
            chosen.Add(second with { Sentences = second.Sentences.Take(MaxSentences - best.Sentences.Count).Take(1).ToList() });
        }
        return new KnowledgeAnswer(chosen);
    }

    /// <summary>The relevant passages among the top <paramref name="topK"/>, in retrieval order, each with its best sentences.</summary>
    public async Task<IReadOnlyList<KnowledgePassage>> SearchAsync(string question, int topK, CancellationToken cancellationToken)
    {
        var (hits, index) = await knowledge.SearchAsync(question, topK, cancellationToken);
        var relevance = PassageRelevance.For(question, index.Index);
        return hits.Where(relevance.IsRelevant)
            .Select(h => new KnowledgePassage(h.Chunk, relevance.Of(h.Chunk), relevance.BestSentences(h.Chunk.Text, MaxSentences)))
            .ToList();
    }
}
