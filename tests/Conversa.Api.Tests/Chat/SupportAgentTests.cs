using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The builtin support agent through <c>POST /api/chat</c>: extractive answers from the tenant's knowledge base with
/// the passage cited in the reply and in <c>sources</c> (es/pt/en), an honest "not in the knowledge base" with a
/// person offered, the router's "I did not understand" for what nobody understood, and never another tenant's documents.
/// </summary>
public abstract class SupportAgentTests(ConversaFactory app)
{
    private const string Clinic = """
        # Horarios

        ## Entre semana
        Atendemos de lunes a viernes de 8:00 a 18:00 sin cerrar al mediodía. Los pacientes nuevos deben llegar 15 minutos antes.

        ## Sábados
        Los sábados abrimos de 9:00 a 13:00. Los domingos la clínica permanece cerrada.

        # Políticas

        ## Cancelación
        Puedes cancelar o cambiar tu cita sin costo hasta 24 horas antes. Después se cobra el 50% del valor. Las cancelaciones se hacen por WhatsApp.

        ## Pagos
        Aceptamos efectivo, tarjetas de crédito y débito, y transferencias bancarias. Puedes pagar a cuotas con tarjeta. Las facturas se envían por correo electrónico.
        """;

    private const string Dentist = """
        # Atendimento

        ## Convênios
        Aceitamos os convênios Amil, Bradesco Saúde e SulAmérica Odonto. Outros planos são atendidos por reembolso.

        ## Parcelamento
        Parcelamos tratamentos em até 12 vezes sem juros no cartão de crédito.
        """;

    private const string Spa = """
        # Spa

        ## Gift cards
        Gift cards are sold in any amount and never expire. They can be used for any spa service.

        ## Late arrivals
        If you arrive late your treatment will still end on time, so the next guest is not delayed.
        """;

    private static async Task<string> AddDocumentAsync(HttpClient client, string markdown) =>
        (await client.PostJsonAsync("/api/documents", new { content = markdown, content_type = "text/markdown" }, 201)).Str("id");

    [Fact]
    public async Task A_question_is_answered_with_the_sentences_that_answer_it_and_the_source_cited()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var document = await AddDocumentAsync(client, Clinic);

        var reply = await client.ChatAsync("¿Aceptan tarjeta de crédito?", "s1");

        reply.Str("agent").Should().Be("support");
        reply.Str("intent").Should().Be("knowledge_question");
        reply.Reply().Should().StartWith("Aceptamos efectivo, tarjetas de crédito y débito, y transferencias bancarias.")
            .And.EndWith("\n\nFuente: Políticas > Pagos")
            .And.NotContain("facturas", "only the sentences about the question, not the whole passage")
            .And.NotContain("cancelar");
        var source = reply["sources"]!.AsArray().Should().ContainSingle().Subject!;
        source.Str("document_id").Should().Be(document);
        source.Str("title").Should().Be("Horarios");
        source.Str("heading_path").Should().Be("Políticas > Pagos");
        reply["handoff"]!.GetValue<bool>().Should().BeFalse();

        var saturday = await client.ChatAsync("a qué hora abren los sábados", "s2");
        saturday.Reply().Should().Contain("Los sábados abrimos de 9:00 a 13:00.").And.Contain("Fuente: Horarios > Sábados");
    }

    [Fact]
    public async Task Portuguese_and_english_answers_cite_their_source_in_the_customer_s_language()
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "pt" });
        var client = tenant.KeyClient();
        await AddDocumentAsync(client, Dentist);
        await AddDocumentAsync(client, Spa);

        var portuguese = await client.ChatAsync("Vocês aceitam o convênio Amil?", "b1");
        portuguese.Str("language").Should().Be("pt");
        portuguese.Str("agent").Should().Be("support");
        portuguese.Reply().Should().Contain("Aceitamos os convênios Amil").And.Contain("Fonte: Atendimento > Convênios").And.NotContain("12 vezes");

        var english = await client.ChatAsync("Do the gift cards expire? I would like to know.", "b2");
        english.Str("language").Should().Be("en");
        english.Reply().Should().Contain("never expire").And.Contain("Source: Spa > Gift cards").And.NotContain("late");
        english["sources"]!.AsArray().Should().ContainSingle().Which!.Str("heading_path").Should().Be("Spa > Gift cards");
    }

    [Fact]
    public async Task A_question_the_knowledge_base_cannot_answer_gets_an_honest_no_and_a_person_offered()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await AddDocumentAsync(client, Clinic);

        var reply = await client.ChatAsync("¿Dónde queda el estacionamiento?", "n1");

        reply.Str("agent").Should().Be("support");
        reply.Reply().Should().Contain("No encontré esa información en nuestra base de conocimiento")
            .And.Contain("¿Quieres que te comunique con una persona del equipo?")
            .And.NotContainAny("Fuente", "lunes", "cancelar");
        reply["sources"]!.AsArray().Should().BeEmpty();

        var declined = await client.ChatAsync("no", "n1");
        declined["handoff"]!.GetValue<bool>().Should().BeFalse();
        declined.Reply().Should().Contain("sigo aquí");

        var again = await client.ChatAsync("¿Cómo llego en transporte público?", "n1");
        again.Reply().Should().Contain("No encontré").And.NotContain("¿Quieres que te comunique", "a declined offer is not asked again within the hour");
    }

    [Fact]
    public async Task What_nobody_understands_gets_the_router_s_answer_and_repeated_it_offers_then_hands_off()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await AddDocumentAsync(client, Clinic);

        var first = await client.ChatAsync("xqzv blorft", "u1");
        first.Str("agent").Should().Be("support");
        first.Reply().Should().StartWith("Perdona, no entendí bien tu mensaje.").And.Contain("resolver tus dudas").And.NotContain("persona");
        first["sources"]!.AsArray().Should().BeEmpty();

        var second = await client.ChatAsync("plimp zort", "u1");
        second.Reply().Should().Contain("persona del equipo", "the engine's no-match policy counts support's no-match");
        var third = await client.ChatAsync("grumph", "u1");
        third["handoff"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Another_tenant_s_documents_never_appear_in_a_reply()
    {
        var mine = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await AddDocumentAsync(mine.KeyClient(), Clinic);
        await AddDocumentAsync(other.KeyClient(), """
            # Servicios

            ## Parqueadero
            Tenemos parqueadero gratuito para pacientes en el sótano del edificio Torre Azul.
            """);

        var reply = await mine.KeyClient().ChatAsync("¿tienen parqueadero gratuito?", "x1");

        reply.Reply().Should().NotContainAny("Torre Azul", "sótano", "Servicios > Parqueadero");
        reply["sources"]!.AsArray().Should().BeEmpty();
        var theirs = await other.KeyClient().ChatAsync("¿tienen parqueadero gratuito?", "x1");
        theirs.Reply().Should().Contain("Torre Azul", "the same question is answered from the other tenant's own documents");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupportAgentTestsOnSqlite(SqliteFactory app) : SupportAgentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SupportAgentTestsOnPostgres(PostgresFactory app) : SupportAgentTests(app);
