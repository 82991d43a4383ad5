namespace Conversa.Core.Language;

/// <summary>
/// Emergency keywords for clinics (aesthetic, dental, medical) in Spanish, Portuguese and English: severe pain,
/// chest pain, bleeding, allergic reactions, difficulty breathing, fainting, swelling of the face or throat,
/// seizures, high fever, and the word "emergency" itself. Sector templates start from these and tenants add theirs.
/// </summary>
public static class DefaultEmergencyKeywords
{
    public const string Pain = "pain";
    public const string Bleeding = "bleeding";
    public const string Allergy = "allergic_reaction";
    public const string Breathing = "breathing";
    public const string Fainting = "fainting";
    public const string Swelling = "swelling";
    public const string Other = "other";

    public static IReadOnlyList<EmergencyKeyword> Clinic { get; } =
    [
        .. Keywords(SupportedLanguages.Spanish, Pain,
            "dolor* fuerte*", "dolor* intens*", "dolor* insoportable*", "dolor* severo*", "dolor* horrible*", "dolor* terrible*",
            "mucho dolor", "muchisimo dolor", "duele* mucho*", "duele* muchisimo", "duele* demasiado", "dolor* pecho", "duele* pecho",
            "dolor* insufrible*", "no aguant* dolor*"),
        .. Keywords(SupportedLanguages.Spanish, Bleeding,
            "sangrad*", "sangrand*", "=sangra", "=sangran", "=sangrar", "=sangro", "sangrante*", "hemorragi*", "mucha sangre", "sale sangre",
            "perdiendo sangre"),
        .. Keywords(SupportedLanguages.Spanish, Allergy,
            "reaccion* alergic*", "alergia fuerte", "alergia grave", "anafila*", "shock anafil*", "choque anafil*"),
        .. Keywords(SupportedLanguages.Spanish, Breathing,
            "no puedo respirar", "dificultad* para respirar", "dificultad* respirat*", "cuesta respirar", "falta el aire",
            "falta de aire", "me ahogo", "ahogando", "no respira"),
        .. Keywords(SupportedLanguages.Spanish, Fainting,
            "desmay*", "perdi el conocimiento", "perdio el conocimiento", "perdida de conocimiento", "inconscient*", "desvaneci*"),
        .. Keywords(SupportedLanguages.Spanish, Swelling,
            "hinch* cara", "cara hinchad*", "hinch* garganta", "garganta hinchad*", "hinch* labio*", "labio* hinchad*",
            "hinch* lengua", "lengua hinchad*", "hinch* ojo*", "ojo* hinchad*", "cierra la garganta", "garganta cerrad*",
            "no puedo tragar", "hinchazon"),
        .. Keywords(SupportedLanguages.Spanish, Other,
            "emergencia*", "urgencia medica", "convulsi*", "fiebre alta", "fiebre muy alta", "infarto", "ataque al corazon",
            "me estoy muriendo", "ambulancia"),

        .. Keywords(SupportedLanguages.Portuguese, Pain,
            "dor forte", "dores fortes", "dor intens*", "dor insuportave*", "dor horrivel", "dor terrivel", "muita dor",
            "doi muito", "doendo muito", "dor peito", "doi o peito", "nao aguent* dor"),
        .. Keywords(SupportedLanguages.Portuguese, Bleeding,
            "sangrament*", "sangrand*", "=sangra", "=sangrar", "=sangrou", "hemorragi*", "muito sangue", "saindo sangue", "perdendo sangue"),
        .. Keywords(SupportedLanguages.Portuguese, Allergy,
            "reac* alergic*", "alergia forte", "alergia grave", "anafila*", "choque anafil*"),
        .. Keywords(SupportedLanguages.Portuguese, Breathing,
            "nao consigo respirar", "dificuldade* para respirar", "dificuldade* de respirar", "dificuldade* respirat*",
            "falta de ar", "sem ar", "sufocando"),
        .. Keywords(SupportedLanguages.Portuguese, Fainting,
            "desmai*", "perdi a consciencia", "perdeu a consciencia", "inconscient*"),
        .. Keywords(SupportedLanguages.Portuguese, Swelling,
            "inchac*", "rosto inchad*", "cara inchad*", "garganta inchad*", "labio* inchad*", "lingua inchad*", "olho* inchad*",
            "inchou", "garganta fechando", "nao consigo engolir"),
        .. Keywords(SupportedLanguages.Portuguese, Other,
            "emergencia*", "urgencia medica", "convuls*", "febre alta", "infarto", "ataque cardiaco", "estou morrendo", "ambulancia"),

        .. Keywords(SupportedLanguages.English, Pain,
            "severe pain", "intense pain", "unbearable pain", "excruciating pain", "terrible pain", "horrible pain", "lot* pain",
            "so much pain", "hurts so much", "hurts a lot", "hurts really bad", "chest pain*", "pain* chest", "cant stand the pain"),
        .. Keywords(SupportedLanguages.English, Bleeding,
            "bleed*", "hemorrhag*", "haemorrhag*", "lot* of blood"),
        .. Keywords(SupportedLanguages.English, Allergy,
            "allergic reaction*", "anaphyla*", "severe allergy"),
        .. Keywords(SupportedLanguages.English, Breathing,
            "cant breathe", "cannot breathe", "can not breathe", "difficulty breathing", "trouble breathing", "hard to breathe",
            "short* of breath", "struggling to breathe", "choking"),
        .. Keywords(SupportedLanguages.English, Fainting,
            "faint*", "passed out", "unconscious", "lost consciousness"),
        .. Keywords(SupportedLanguages.English, Swelling,
            "swollen face", "face swell*", "swell* face", "face is swollen", "swollen throat", "throat swell*", "swell* throat",
            "swollen lip*", "lip* swell*", "swollen tongue", "tongue swell*", "throat is closing", "throat closing", "cant swallow"),
        .. Keywords(SupportedLanguages.English, Other,
            "emergency", "emergencies", "seizure*", "convuls*", "high fever", "heart attack", "im dying", "ambulance"),
    ];

    private static IEnumerable<EmergencyKeyword> Keywords(string language, string category, params string[] phrases) =>
        phrases.Select(p => new EmergencyKeyword(p, language, category));
}
