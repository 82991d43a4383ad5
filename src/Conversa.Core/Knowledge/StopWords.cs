namespace Conversa.Core.Knowledge;

/// <summary>Spanish, Portuguese and English function words (accent-folded), which carry no meaning for retrieval.</summary>
public static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // Spanish
        "a", "al", "algo", "algun", "alguna", "algunos", "ante", "antes", "aqui", "asi", "aun", "cada", "como", "con", "contra", "cual", "cuales",
        "cuando", "cuanto", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa",
        "ese", "eso", "esta", "estan", "estas", "este", "esto", "estos", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los", "mas",
        "me", "mi", "mis", "muy", "ni", "no", "nos", "nosotros", "o", "os", "otra", "otro", "para", "pero", "poco", "por", "porque", "que",
        "quien", "se", "sea", "ser", "si", "sin", "sobre", "son", "su", "sus", "tambien", "te", "tiene", "tienen", "todo", "todos", "tu",
        "tus", "u", "un", "una", "uno", "unos", "unas", "usted", "ustedes", "y", "ya", "yo", "puedo", "puede", "pueden", "hacer", "hace",
        "mi", "cuanta", "cuantos", "cuantas", "ustedes", "vosotros", "estoy", "soy", "tengo", "quiero",
        // Portuguese
        "ao", "aos", "as", "ate", "com", "da", "das", "do", "dos", "ela", "ele", "eles", "em", "essa", "esse", "eu", "foi", "isso", "isto",
        "ja", "mais", "mas", "na", "nas", "nao", "no", "nos", "num", "numa", "ou", "pela", "pelas", "pelo", "pelos", "qual", "quais",
        "quanto", "quanta", "quantos", "sao", "seu", "sua", "seus", "suas", "tem", "um", "uma", "voce", "voces", "vos", "meu", "minha",
        "posso", "pode", "fazer", "sobre", "onde", "quando", "tenho", "estou", "sou", "ter",
        // English
        "an", "and", "are", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
        "how", "i", "if", "in", "into", "is", "it", "its", "my", "of", "on", "or", "our", "so", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why",
        "will", "with", "would", "you", "your", "me", "much", "many", "any", "get", "should", "am",
    };

    public static bool Contains(string foldedWord) => Words.Contains(foldedWord);
}
