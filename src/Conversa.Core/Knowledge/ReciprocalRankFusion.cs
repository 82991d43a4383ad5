namespace Conversa.Core.Knowledge;

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): each ranking adds 1/(k + rank) to an item's score. It needs
/// no calibration between BM25 scores and cosine similarities, which live on unrelated scales.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static List<(int Item, double Score)> Fuse(IEnumerable<IReadOnlyList<int>> rankings, int k = DefaultK)
    {
        var scores = new Dictionary<int, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (k + rank + 1);
            }
        }
        return scores.Select(s => (s.Key, s.Value))
            .OrderByDescending(s => s.Value)
            .ThenBy(s => s.Key)
            .ToList();
    }
}
