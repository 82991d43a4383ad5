using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class EmergencyDetectorTests
{
    private static readonly EmergencyDetector Clinic = EmergencyDetector.ClinicDefault;

    [Theory]
    [InlineData("tengo un dolor muy fuerte", DefaultEmergencyKeywords.Pain)]
    [InlineData("Tengo DOLOR INTENSO en la zona", DefaultEmergencyKeywords.Pain)]
    [InlineData("me duele muchísimo", DefaultEmergencyKeywords.Pain)]
    [InlineData("dolor en el pecho", DefaultEmergencyKeywords.Pain)]
    [InlineData("me duele el pecho", DefaultEmergencyKeywords.Pain)]
    [InlineData("estoy sangrando", DefaultEmergencyKeywords.Bleeding)]
    [InlineData("tengo un sangrado que no para", DefaultEmergencyKeywords.Bleeding)]
    [InlineData("no deja de sangrar", DefaultEmergencyKeywords.Bleeding)]
    [InlineData("creo que tengo una reacción alérgica", DefaultEmergencyKeywords.Allergy)]
    [InlineData("reaccion alergica", DefaultEmergencyKeywords.Allergy)]
    [InlineData("no puedo respirar", DefaultEmergencyKeywords.Breathing)]
    [InlineData("tengo dificultad para respirar", DefaultEmergencyKeywords.Breathing)]
    [InlineData("me falta el aire", DefaultEmergencyKeywords.Breathing)]
    [InlineData("mi mamá se desmayó", DefaultEmergencyKeywords.Fainting)]
    [InlineData("me desmaye despues de la sesion", DefaultEmergencyKeywords.Fainting)]
    [InlineData("se me hinchó la cara", DefaultEmergencyKeywords.Swelling)]
    [InlineData("tengo la cara hinchada", DefaultEmergencyKeywords.Swelling)]
    [InlineData("labios muy hinchados", DefaultEmergencyKeywords.Swelling)]
    [InlineData("se me cierra la garganta", DefaultEmergencyKeywords.Swelling)]
    [InlineData("es una emergencia", DefaultEmergencyKeywords.Other)]
    [InlineData("dor muito forte", DefaultEmergencyKeywords.Pain)]
    [InlineData("estou com muita dor", DefaultEmergencyKeywords.Pain)]
    [InlineData("dói muito", DefaultEmergencyKeywords.Pain)]
    [InlineData("está sangrando muito", DefaultEmergencyKeywords.Bleeding)]
    [InlineData("tive uma reação alérgica", DefaultEmergencyKeywords.Allergy)]
    [InlineData("não consigo respirar", DefaultEmergencyKeywords.Breathing)]
    [InlineData("falta de ar", DefaultEmergencyKeywords.Breathing)]
    [InlineData("ela desmaiou", DefaultEmergencyKeywords.Fainting)]
    [InlineData("meu rosto está inchado", DefaultEmergencyKeywords.Swelling)]
    [InlineData("inchaço na garganta", DefaultEmergencyKeywords.Swelling)]
    [InlineData("severe pain after the filler", DefaultEmergencyKeywords.Pain)]
    [InlineData("chest pain", DefaultEmergencyKeywords.Pain)]
    [InlineData("a lot of pain", DefaultEmergencyKeywords.Pain)]
    [InlineData("it's bleeding a lot", DefaultEmergencyKeywords.Bleeding)]
    [InlineData("I think I'm having an allergic reaction", DefaultEmergencyKeywords.Allergy)]
    [InlineData("I can't breathe", DefaultEmergencyKeywords.Breathing)]
    [InlineData("difficulty breathing", DefaultEmergencyKeywords.Breathing)]
    [InlineData("she fainted", DefaultEmergencyKeywords.Fainting)]
    [InlineData("swelling of the face", DefaultEmergencyKeywords.Swelling)]
    [InlineData("my throat is swelling", DefaultEmergencyKeywords.Swelling)]
    public void Clinic_emergencies_are_found_in_three_languages(string text, string category)
    {
        var found = Clinic.Find(text);
        found.Should().NotBeEmpty();
        found[0].Keyword.Category.Should().Be(category);
        Clinic.IsEmergency(text).Should().BeTrue();
    }

    [Theory]
    [InlineData("quiero botox")]
    [InlineData("¿cuánto cuesta la limpieza?")]
    [InlineData("no tengo dolor, solo quería preguntar")]
    [InlineData("sin dolor")]
    [InlineData("no hay sangrado")]
    [InlineData("sem sangramento")]
    [InlineData("no bleeding at all")]
    [InlineData("quiero hacerme un análisis de sangre")]
    [InlineData("la sesión fue muy relajante")]
    [InlineData("dormi muito bem")]
    [InlineData("tengo alergia al látex, ¿pueden usar otros guantes?")]
    [InlineData("")]
    public void Ordinary_and_negated_messages_are_not_emergencies(string text) => Clinic.IsEmergency(text).Should().BeFalse();

    [Fact]
    public void A_negation_in_another_clause_does_not_hide_an_emergency()
    {
        Clinic.IsEmergency("no, tengo mucho dolor").Should().BeTrue();
        Clinic.IsEmergency("ya no aguanto el dolor, es muy fuerte").Should().BeTrue();
    }

    [Fact]
    public void The_match_says_which_words_raised_it()
    {
        const string text = "Hola, desde ayer tengo la CARA HINCHADA y me preocupa";
        var match = Clinic.Find(text).Single();
        match.Span.Of(text).Should().Be("CARA HINCHADA");
        match.Keyword.Language.Should().Be("es");
    }

    [Fact]
    public void Tenants_add_their_own_keywords()
    {
        var dental = new EmergencyDetector(DefaultEmergencyKeywords.Clinic.Append(new EmergencyKeyword("diente* roto*", "es", "trauma"))
            .Append(new EmergencyKeyword("knocked out tooth", "en", "trauma")));
        dental.Find("se me partió... tengo un diente roto").Single().Keyword.Category.Should().Be("trauma");
        dental.IsEmergency("my son has a knocked out tooth").Should().BeTrue();
        EmergencyDetector.ClinicDefault.IsEmergency("tengo un diente roto").Should().BeFalse();
        DefaultEmergencyKeywords.Clinic.Select(k => k.Language).Distinct().Should().BeEquivalentTo(["es", "pt", "en"]);
    }
}
