using System.Text.Json.Nodes;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Features.Tenants.Templates;
using Conversa.Api.Hosting;
using Conversa.Core.Language;
using Conversa.Infrastructure.Engine;
using Xunit.Abstractions;

namespace Conversa.Api.Tests.Tenants;

/// <summary>
/// Each template's data, checked without the app: its settings are valid, it has a sample document per language, and
/// messages written in the sector's words (none of them a template example) reach the intent that answers them, as
/// the tenant's classifier sees them: the defaults plus the template's keywords, examples and emergency keywords.
/// </summary>
public sealed class SectorTemplateRoutingTests(ITestOutputHelper output)
{
    public static readonly IReadOnlyList<string> Sectors = ["auto_parts", "clinic", "dental", "real_estate", "retail", "spa", "vehicles"];

    /// <summary>Sector, message, expected intent.</summary>
    private static readonly (string Sector, string Text, string Intent)[] Messages =
    [
        ("vehicles", "quiero agendar un test drive", Intents.Booking),
        ("vehicles", "me gustaría probar la camioneta mañana", Intents.Booking),
        ("vehicles", "posso fazer um test drive amanhã?", Intents.Booking),
        ("vehicles", "¿cuánto cuesta el Mazda 3?", Intents.Price),
        ("vehicles", "¿cuánto sería la mensualidad del Corolla?", Intents.Price),
        ("vehicles", "¿manejan financiación para el Corolla?", Intents.KnowledgeQuestion),
        ("vehicles", "do you offer financing on used cars?", Intents.KnowledgeQuestion),
        ("vehicles", "¿reciben mi moto como parte de pago?", Intents.KnowledgeQuestion),
        ("vehicles", "¿está disponible el Mazda 3 rojo?", Intents.ProductQuery),
        ("vehicles", "¿qué kilometraje tiene la Hilux 2019?", Intents.ProductQuery),
        ("vehicles", "vocês têm SUV automático?", Intents.ProductQuery),
        ("vehicles", "¿cuánto cuesta la camioneta 4x4 automática?", Intents.Price),
        ("vehicles", "hola, buenas tardes", Intents.Greeting),
        ("real_estate", "busco arriendo en Chapinero", Intents.ProductQuery),
        ("real_estate", "¿cuántos m2 tiene la casa?", Intents.ProductQuery),
        ("real_estate", "quero alugar um apartamento de 2 quartos", Intents.ProductQuery),
        ("real_estate", "quiero visitar el apartamento el sábado", Intents.Booking),
        ("real_estate", "I'd like to schedule a viewing of the flat", Intents.Booking),
        ("real_estate", "¿cuánto cuesta el arriendo del apartamento?", Intents.Price),
        ("real_estate", "¿piden fiador?", Intents.KnowledgeQuestion),
        ("real_estate", "¿puedo pagarlo con crédito hipotecario?", Intents.KnowledgeQuestion),
        ("auto_parts", "pastillas de freno para un Spark 2014", Intents.ProductQuery),
        ("auto_parts", "¿tienen la referencia 90915-YZZD2?", Intents.ProductQuery),
        ("auto_parts", "do you have brake pads for a Ford Focus?", Intents.ProductQuery),
        ("auto_parts", "tem amortecedor para Corolla 2017?", Intents.ProductQuery),
        ("auto_parts", "¿cuánto valen las bujías para un Aveo?", Intents.Price),
        ("auto_parts", "¿cuánto valen las pastillas de freno delanteras para el Spark?", Intents.Price),
        ("auto_parts", "¿hacen envíos a Medellín?", Intents.KnowledgeQuestion),
        ("retail", "¿tienen este vestido en talla S?", Intents.ProductQuery),
        ("retail", "¿en qué colores está la chaqueta?", Intents.ProductQuery),
        ("retail", "do you have this in size L?", Intents.ProductQuery),
        ("retail", "¿hacen envío a Cali?", Intents.KnowledgeQuestion),
        ("retail", "quiero devolver un pedido", Intents.KnowledgeQuestion),
        ("retail", "qual o prazo de entrega para São Paulo?", Intents.KnowledgeQuestion),
        ("clinic", "¿hacen rellenos de labios?", Intents.ProductQuery),
        ("clinic", "quiero agendar una valoración para botox", Intents.Booking),
        ("clinic", "¿tengo que ir en ayunas?", Intents.KnowledgeQuestion),
        ("clinic", "¿cuánto cuesta el botox?", Intents.Price),
        ("clinic", "tengo mucha dificultad para respirar", Intents.Emergency),
        ("spa", "¿tienen masajes para parejas?", Intents.ProductQuery),
        ("spa", "quiero reservar un masaje para el sábado", Intents.Booking),
        ("spa", "¿qué debo llevar al spa?", Intents.KnowledgeQuestion),
        ("spa", "how much is the hot stone massage?", Intents.Price),
        ("dental", "¿hacen blanqueamiento?", Intents.ProductQuery),
        ("dental", "quiero agendar una limpieza dental", Intents.Booking),
        ("dental", "¿cuánto cuesta la ortodoncia?", Intents.Price),
        ("dental", "se me partió un diente", Intents.Emergency),
        ("dental", "tengo un absceso en la encía", Intents.Emergency),
        ("dental", "I think I have a cracked tooth", Intents.Emergency),
    ];

    public static TheoryData<string> SectorData() => [.. Sectors];

    [Fact]
    public void The_seven_sectors_have_templates()
    {
        SectorTemplates.Sectors.Should().Equal(Sectors);
        SectorTemplates.Find("Vehicles").Should().NotBeNull();
        SectorTemplates.Find("general").Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(SectorData))]
    public void A_template_s_settings_are_valid_and_it_has_a_sample_document_in_each_language(string sector)
    {
        var template = SectorTemplates.Find(sector)!;
        foreach (var language in SupportedLanguages.All)
        {
            var settings = (JsonObject)Core.Tenancy.JsonMergePatch.Apply(TenantSettings.Defaults("Acme"), TemplateSettings.Base(template, language))!;
            TemplateSettings.AddGreeting(settings, template, "Acme", language);
            var errors = new ValidationErrors();
            TenantSettings.Validate(settings, errors);
            errors.ToDictionary().Should().BeEmpty();
            settings["assistant"]!["greeting"]!.GetValue<string>().Should().Contain("Acme");
            settings["catalog"]!["attributes"]!.AsArray().Should().NotBeEmpty();
            template.DocumentsIn(language).Should().ContainSingle().Which.Markdown.Should().Contain(language == "en" ? "[EDIT" : "[EDITAR");
        }
        template.AgentsEnabled.Should().Contain(["router", "sales", "support", "personal"]).And.OnlyContain(a => TenantSettings.Agents.Contains(a));
        template.EmergencyDefaults.Should().Be(AssistantProfile.HealthSectors.Contains(sector));
    }

    [Fact]
    public void Sector_messages_reach_the_intent_that_answers_them_and_better_than_without_the_template()
    {
        var failures = new List<string>();
        var withoutTemplate = 0;
        foreach (var (sector, text, intent) in Messages)
        {
            var prediction = ClassifierFor(sector, template: true).Classify(text);
            if (prediction.Intent != intent)
            {
                var ranked = string.Join(", ", prediction.Ranked.Take(3).Select(r => $"{r.Intent} {r.Score} (k {r.KeywordScore}, e {r.ExampleScore})"));
                failures.Add($"{sector}: \"{text}\" → {prediction.Intent ?? "no match"}, expected {intent}: {ranked}");
            }
            withoutTemplate += ClassifierFor(sector, template: false).Classify(text).Intent == intent ? 1 : 0;
        }
        output.WriteLine($"with templates {Messages.Length - failures.Count}/{Messages.Length}, defaults alone {withoutTemplate}/{Messages.Length}");
        failures.Should().BeEmpty();
        withoutTemplate.Should().BeLessThan(Messages.Length);
    }

    [Fact]
    public void A_car_dealer_s_classifier_does_not_take_pain_for_an_emergency_but_a_dentist_s_takes_a_broken_tooth()
    {
        ClassifierFor("vehicles", template: true).Classify("tengo un dolor fuerte en la espalda").Intent.Should().NotBe(Intents.Emergency);
        ClassifierFor("dental", template: true).Classify("se me rompió un diente comiendo").Intent.Should().Be(Intents.Emergency);
        ClassifierFor("dental", template: false).Classify("se me rompió un diente comiendo").Intent.Should().NotBe(Intents.Emergency);
    }

    /// <summary>The classifier a tenant of the sector gets, built from its settings as <see cref="TenantAssistants"/> builds it.</summary>
    private static IntentClassifier ClassifierFor(string sector, bool template)
    {
        var settings = TenantSettings.Defaults("Acme");
        if (template)
        {
            settings = (JsonObject)Core.Tenancy.JsonMergePatch.Apply(settings, TemplateSettings.Base(SectorTemplates.Find(sector)!, "es"))!;
        }
        var profile = AssistantProfile.From(Guid.NewGuid(), "acme", "Acme", sector, "UTC", "es", "USD", settings.ToJsonString());
        var emergency = profile.EmergencyDefaults ? [.. DefaultEmergencyKeywords.Clinic] : new List<EmergencyKeyword>();
        emergency.AddRange(profile.EmergencyKeywords.Select(k => new EmergencyKeyword(k, "es", DefaultEmergencyKeywords.Other)));
        return new IntentClassifier(
            IntentCatalog.Default.With(profile.IntentKeywords, profile.IntentExamples),
            emergency.Count > 0 ? new EmergencyDetector(emergency) : null);
    }
}
