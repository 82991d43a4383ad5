using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("hola", "es")]
    [InlineData("Hola!", "es")]
    [InlineData("holaaa buenas", "es")]
    [InlineData("cuánto cuesta", "es")]
    [InlineData("cuanto cuesta", "es")]
    [InlineData("gracias", "es")]
    [InlineData("buenos dias", "es")]
    [InlineData("quiero una cita para mañana", "es")]
    [InlineData("¿tienen disponibilidad el sábado?", "es")]
    [InlineData("me llamo Ana y quiero información", "es")]
    [InlineData("necesito cancelar mi cita", "es")]
    [InlineData("aceptan tarjeta?", "es")]
    [InlineData("sí, perfecto", "es")]
    [InlineData("dale, nos vemos el lunes", "es")]
    [InlineData("oi, tudo bem?", "pt")]
    [InlineData("oi", "pt")]
    [InlineData("olá", "pt")]
    [InlineData("quanto custa", "pt")]
    [InlineData("obrigado", "pt")]
    [InlineData("bom dia, queria marcar uma consulta", "pt")]
    [InlineData("você tem horário amanhã?", "pt")]
    [InlineData("voce tem horario amanha", "pt")]
    [InlineData("não posso ir", "pt")]
    [InlineData("nao posso ir", "pt")]
    [InlineData("quero falar com um atendente", "pt")]
    [InlineData("aceitam cartão?", "pt")]
    [InlineData("hi there", "en")]
    [InlineData("hello", "en")]
    [InlineData("how much is botox", "en")]
    [InlineData("thanks!", "en")]
    [InlineData("I want to book an appointment", "en")]
    [InlineData("what do you have tomorrow", "en")]
    [InlineData("can I speak to someone?", "en")]
    [InlineData("Hola, how much is botox?", "en")]
    public void Short_messages_are_read_in_their_language(string text, string expected)
    {
        var detection = LanguageDetector.Detect(text, fallback: expected == "en" ? "es" : "en");
        detection.Language.Should().Be(expected);
        detection.IsFallback.Should().BeFalse();
        detection.Confidence.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("👍")]
    [InlineData("5")]
    [InlineData("botox")]
    [InlineData("no")]
    [InlineData("")]
    [InlineData("   ")]
    public void Too_little_evidence_falls_back_to_the_tenant_language(string text)
    {
        foreach (var fallback in new[] { "es", "pt", "en" })
        {
            var detection = LanguageDetector.Detect(text, fallback);
            detection.Language.Should().Be(fallback);
            detection.IsFallback.Should().BeTrue();
        }
    }

    [Fact]
    public void A_word_two_languages_share_is_settled_by_the_fallback()
    {
        // "hora" and "semana" are Spanish and Portuguese alike.
        LanguageDetector.Detect("semana", "pt").Language.Should().Be("pt");
        LanguageDetector.Detect("semana", "es").Language.Should().Be("es");
    }

    [Fact]
    public void Letters_alone_tell_the_language_of_unknown_words()
    {
        LanguageDetector.Detect("¿depilación?", "en").Language.Should().Be("es");
        LanguageDetector.Detect("depilação", "en").Language.Should().Be("pt");
        LanguageDetector.Detect("ñandú", "pt").Language.Should().Be("es");
    }

    [Fact]
    public void Confidence_grows_with_evidence()
    {
        var one = LanguageDetector.Detect("gracias", "en");
        var many = LanguageDetector.Detect("muchas gracias, quiero agendar una cita para el viernes", "en");
        many.Confidence.Should().BeGreaterThanOrEqualTo(one.Confidence);
        many.Confidence.Should().BeInRange(0.5, 1);
    }

    [Fact]
    public void Tenant_language_codes_are_normalised()
    {
        LanguageDetector.Detect("ok", "pt-BR").Language.Should().Be("pt");
        LanguageDetector.Detect("ok", "EN").Language.Should().Be("en");
        LanguageDetector.Detect("ok", "fr").Language.Should().Be("es");
        LanguageDetector.Detect("ok", null).Language.Should().Be("es");
        SupportedLanguages.Normalize("es_CO").Should().Be("es");
        SupportedLanguages.Normalize("english", "pt").Should().Be("pt");
    }
}
