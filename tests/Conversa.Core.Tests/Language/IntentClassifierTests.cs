using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class IntentClassifierTests
{
    private static readonly IntentClassifier Classifier = IntentClassifier.Default;

    [Theory]
    [InlineData("hola", Intents.Greeting)]
    [InlineData("buenas tardes", Intents.Greeting)]
    [InlineData("oi, tudo bem?", Intents.Greeting)]
    [InlineData("bom dia", Intents.Greeting)]
    [InlineData("hi there", Intents.Greeting)]
    [InlineData("good morning", Intents.Greeting)]
    [InlineData("¿cuánto cuesta el botox?", Intents.Price)]
    [InlineData("cuanto cuesta", Intents.Price)]
    [InlineData("qué precio tiene la limpieza facial", Intents.Price)]
    [InlineData("hola, cuánto vale la depilación?", Intents.Price)]
    [InlineData("quanto custa o botox?", Intents.Price)]
    [InlineData("qual o valor da consulta?", Intents.Price)]
    [InlineData("how much is botox", Intents.Price)]
    [InlineData("what's the price of a facial?", Intents.Price)]
    [InlineData("¿venden protector solar?", Intents.ProductQuery)]
    [InlineData("qué tratamientos ofrecen", Intents.ProductQuery)]
    [InlineData("vocês vendem creme para o rosto?", Intents.ProductQuery)]
    [InlineData("do you sell sunscreen?", Intents.ProductQuery)]
    [InlineData("¿a qué hora abren?", Intents.KnowledgeQuestion)]
    [InlineData("dónde están ubicados", Intents.KnowledgeQuestion)]
    [InlineData("¿aceptan tarjeta?", Intents.KnowledgeQuestion)]
    [InlineData("el tratamiento duele?", Intents.KnowledgeQuestion)]
    [InlineData("onde fica a clínica?", Intents.KnowledgeQuestion)]
    [InlineData("o tratamento dói?", Intents.KnowledgeQuestion)]
    [InlineData("where are you located?", Intents.KnowledgeQuestion)]
    [InlineData("does it hurt?", Intents.KnowledgeQuestion)]
    [InlineData("¿tienen disponibilidad el sábado?", Intents.Availability)]
    [InlineData("qué horarios tienen libres mañana", Intents.Availability)]
    [InlineData("tem vaga na sexta?", Intents.Availability)]
    [InlineData("any openings on Friday?", Intents.Availability)]
    [InlineData("quiero agendar una cita", Intents.Booking)]
    [InlineData("quisiera reservar para el viernes", Intents.Booking)]
    [InlineData("quero marcar uma consulta", Intents.Booking)]
    [InlineData("I want to book an appointment", Intents.Booking)]
    [InlineData("quiero cancelar mi cita", Intents.Cancel)]
    [InlineData("cancelr mi sita", Intents.Cancel)]
    [InlineData("preciso desmarcar", Intents.Cancel)]
    [InlineData("please cancel my booking", Intents.Cancel)]
    [InlineData("quiero cambiar mi cita para el jueves", Intents.Reschedule)]
    [InlineData("necesito reprogramar", Intents.Reschedule)]
    [InlineData("reprogramacion de cita", Intents.Reschedule)]
    [InlineData("quero remarcar", Intents.Reschedule)]
    [InlineData("I need to reschedule", Intents.Reschedule)]
    [InlineData("quiero hablar con una persona", Intents.Handoff)]
    [InlineData("me pasas con un asesor?", Intents.Handoff)]
    [InlineData("quero falar com um atendente", Intents.Handoff)]
    [InlineData("can I talk to a human?", Intents.Handoff)]
    [InlineData("qué tengo mañana?", Intents.PersonalAgenda)]
    [InlineData("o que eu tenho amanhã?", Intents.PersonalAgenda)]
    [InlineData("what's on my agenda today?", Intents.PersonalAgenda)]
    [InlineData("recuérdame llamar al proveedor", Intents.Task)]
    [InlineData("cria uma tarefa para revisar o estoque", Intents.Task)]
    [InlineData("remind me to call the supplier", Intents.Task)]
    [InlineData("muchas gracias", Intents.Thanks)]
    [InlineData("obrigada!", Intents.Thanks)]
    [InlineData("thank you so much", Intents.Thanks)]
    [InlineData("hasta luego", Intents.Goodbye)]
    [InlineData("tchau", Intents.Goodbye)]
    [InlineData("bye!", Intents.Goodbye)]
    [InlineData("sí", Intents.Yes)]
    [InlineData("dale", Intents.Yes)]
    [InlineData("pode ser", Intents.Yes)]
    [InlineData("sure", Intents.Yes)]
    [InlineData("ok, no gracias", Intents.No)]
    [InlineData("não", Intents.No)]
    [InlineData("nope", Intents.No)]
    [InlineData("me duele muchísimo y estoy sangrando", Intents.Emergency)]
    [InlineData("I can't breathe", Intents.Emergency)]
    public void Default_catalog_classifies_customer_messages(string text, string expected) =>
        Classifier.Classify(text).Intent.Should().Be(expected);

    [Theory]
    [InlineData("asdfgh")]
    [InlineData("5")]
    [InlineData("")]
    [InlineData("el perro del vecino")]
    public void Nothing_recognisable_is_a_no_match(string text)
    {
        var prediction = Classifier.Classify(text);
        prediction.IsMatch.Should().BeFalse();
        prediction.Intent.Should().BeNull();
    }

    [Fact]
    public void Content_beats_a_courtesy_in_the_same_message()
    {
        var prediction = Classifier.Classify("Hola! buenas tardes, quisiera saber el precio del botox");
        prediction.Intent.Should().Be(Intents.Price);
        prediction.Ranked.Should().Contain(s => s.Intent == Intents.Greeting && s.Score >= IntentClassifier.MinimumScore);
    }

    [Fact]
    public void An_emergency_outranks_everything_and_carries_its_matches()
    {
        var prediction = Classifier.Classify("quiero cancelar, tengo la cara hinchada");
        prediction.Intent.Should().Be(Intents.Emergency);
        prediction.IsEmergency.Should().BeTrue();
        prediction.Emergencies.Single().Keyword.Category.Should().Be(DefaultEmergencyKeywords.Swelling);
        new IntentClassifier(IntentCatalog.Default).Classify("tengo la cara hinchada").IsEmergency.Should().BeFalse();
    }

    [Fact]
    public void Tenant_examples_teach_new_phrasings_and_new_intents()
    {
        IntentClassifier.Default.Classify("quiero el paquete novia").Intent.Should().NotBe("bridal_package");
        var tenant = new IntentClassifier(IntentCatalog.Default.With(
            examples:
            [
                new IntentExample("bridal_package", "paquete de novia para la boda", "es"),
                new IntentExample("bridal_package", "maquillaje para novias", "es"),
            ]));
        tenant.Classify("quiero el paquete novia").Intent.Should().Be("bridal_package");
        tenant.Classify("maquillaje de novia").Intent.Should().Be("bridal_package");
        tenant.Classify("¿cuánto cuesta?").Intent.Should().Be(Intents.Price);
    }

    [Fact]
    public void Tenant_keywords_add_to_an_intent()
    {
        var before = Classifier.Classify("necesito un turno con el kinesiólogo");
        before.Intent.Should().NotBe(Intents.Handoff);
        var tenant = new IntentClassifier(IntentCatalog.Default.With(keywords: [new IntentKeyword(Intents.Handoff, "kinesiolog*", 0.95)]));
        tenant.Classify("necesito un turno con el kinesiólogo").Intent.Should().Be(Intents.Handoff);
    }

    [Fact]
    public void Examples_match_through_typos_and_inflections()
    {
        var only = new IntentClassifier(new IntentCatalog([], [new IntentExample(Intents.Reschedule, "quiero reprogramar mi cita")]));
        only.Classify("kiero reprogramr mi cita").Intent.Should().Be(Intents.Reschedule);
        only.Classify("reprogramación de citas").Intent.Should().Be(Intents.Reschedule);
        only.Classify("cuánto cuesta").Intent.Should().BeNull();
    }

    [Fact]
    public void The_default_catalog_covers_every_intent_in_three_languages()
    {
        var catalog = IntentCatalog.Default;
        foreach (var intent in Intents.All.Where(i => i is not (Intents.Yes or Intents.No or Intents.Emergency)))
        {
            foreach (var language in SupportedLanguages.All)
            {
                catalog.Keywords.Should().Contain(k => k.Intent == intent && k.Language == language, $"{intent} needs {language} keywords");
                catalog.Examples.Should().Contain(e => e.Intent == intent && e.Language == language, $"{intent} needs {language} examples");
            }
        }
        IntentCatalog.Empty.With(keywords: catalog.Keywords).Examples.Should().BeEmpty();
    }
}
