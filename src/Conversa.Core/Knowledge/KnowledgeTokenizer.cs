namespace Conversa.Core.Knowledge;

/// <summary>The terms BM25 indexes and queries: folded words, without stop words, lightly stemmed.</summary>
public static class KnowledgeTokenizer
{
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        foreach (var word in TextFolding.Words(text))
        {
            if (!StopWords.Contains(word))
            {
                terms.Add(LightStemmer.Stem(word));
            }
        }
        return terms;
    }
}
