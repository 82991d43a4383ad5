using Conversa.Api.Features.Tenants.Templates;
using Conversa.Api.Tests.Booking;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using System.Text.Json.Nodes;

namespace Conversa.Api.Tests.Tenants;

/// <summary>The demo tenants go through provisioning, so benova gets the clinic template and medispa the spa one.</summary>
public sealed class DemoTemplateTests(DemoBookingTests.DemoFactory app) : IClassFixture<DemoBookingTests.DemoFactory>
{
    private async Task<HttpClient> DemoClientAsync(string slug)
    {
        _ = app.Services; // starts the app, which seeds
        var credentials = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.DataDir, "demo-credentials.json")))!;
        return app.ClientWithKey(credentials[slug]!.Str("api_key"));
    }

    [Fact]
    public async Task Benova_has_the_clinic_template_under_its_own_persona_and_greeting()
    {
        var client = await DemoClientAsync("benova");
        var settings = (await client.GetJsonAsync("/api/tenant"))["settings"]!;
        settings["assistant"]!.Str("persona").Should().StartWith("Cálida, clara y profesional");
        settings["intents"]!["examples"]!.AsArray().Should().HaveCount(SectorTemplates.Find("clinic")!.Examples.Sum(e => e.All().Count()));
        settings["emergency"]!["use_defaults"]!.GetValue<bool>().Should().BeTrue();
        (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray().Select(d => d!.Str("title"))
            .Should().Contain("Preguntas frecuentes de la clínica (ejemplo)");
        (await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "demo" }, 200)).Str("reply")
            .Should().Be("¡Hola! Soy María, asesora de Benova. ¿En qué te ayudo?");
    }

    [Fact]
    public async Task Medispa_has_the_spa_template()
    {
        var client = await DemoClientAsync("medispa");
        var settings = (await client.GetJsonAsync("/api/tenant"))["settings"]!;
        settings["assistant"]!.Str("persona").Should().Be(SectorTemplates.Find("spa")!.Persona.Es);
        settings["catalog"]!["attributes"]!.AsArray().Select(a => a!.Str("name")).Should().Contain("duration_minutes");
        (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray().Select(d => d!.Str("title")).Should().Contain("Preguntas frecuentes del spa (ejemplo)");
    }
}
