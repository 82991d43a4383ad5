using System.Globalization;
using Conversa.Core.Knowledge;
using Conversa.Infrastructure.Knowledge;
using Xunit.Abstractions;

namespace Conversa.Api.Tests.Knowledge;

/// <summary>
/// Retrieval quality on a small FAQ corpus in Spanish, Portuguese and English: every query names the one
/// passage (by heading) that answers it. Queries include typos, inflections, missing accents and paraphrases.
/// Hybrid ranking must reach recall@5 ≥ 0.9 and never do worse than BM25 alone on the same set.
/// </summary>
public sealed class RetrievalEvaluationTests(ITestOutputHelper output)
{
    internal static readonly (string Title, string Markdown)[] Corpus =
    [
        ("Clínica Benova", """
            # Precios
            ## Botox
            La aplicación de toxina botulínica (botox) cuesta 250 USD por zona. Frente, entrecejo y patas de gallo son tres zonas; el efecto dura de 4 a 6 meses.
            ## Rellenos
            Los rellenos con ácido hialurónico para labios o surcos cuestan 300 USD por jeringa.
            ## Depilación láser
            La depilación láser de piernas completas cuesta 120 USD por sesión; axilas 40 USD. Se recomiendan entre 6 y 8 sesiones.
            ## Limpieza facial
            La limpieza facial profunda con extracción e hidratación cuesta 60 USD y dura una hora.
            ## Peeling químico
            El peeling químico con ácido glicólico cuesta 90 USD y mejora manchas y textura de la piel.
            ## Mesoterapia
            La mesoterapia capilar contra la caída del cabello cuesta 110 USD por sesión.
            # Horarios
            ## Entre semana
            Atendemos de lunes a viernes de 8:00 de la mañana a 6:00 de la tarde sin cerrar al mediodía.
            ## Sábados
            Los sábados abrimos de 9:00 a 13:00; los domingos la clínica permanece cerrada.
            ## Festivos
            En días festivos no hay atención presencial, pero puedes escribirnos por WhatsApp.
            # Cuidados posteriores
            ## Después del botox
            Tras el botox no te acuestes durante 4 horas, no hagas ejercicio ese día y no masajees la zona tratada.
            ## Después del láser
            Después de la depilación evita el sol durante 48 horas y usa protector solar factor 50.
            ## Después del peeling
            Tras un peeling la piel se descama unos días: hidrata, no arranques la piel y evita el maquillaje 24 horas.
            # Políticas
            ## Cancelación
            Puedes cancelar o cambiar tu cita sin costo hasta 24 horas antes; después se cobra el 50% del valor.
            ## Pagos
            Aceptamos efectivo, tarjetas de crédito y débito, y transferencias bancarias. Puedes pagar a cuotas con tarjeta.
            ## Menores de edad
            Los menores de 18 años deben venir acompañados de su madre, padre o tutor legal y firmar un consentimiento.
            ## Reembolsos
            Los paquetes prepagados no usados se reembolsan dentro de los 30 días siguientes a la compra.
            # Ubicación
            ## Dirección
            Estamos en la Calle 93 número 15-20, barrio Chicó, en Bogotá, frente al parque.
            ## Parqueadero
            El edificio tiene parqueadero gratuito para pacientes durante la cita; también hay bicicletero.
            """),
        ("Clínica Sorriso", """
            # Preços
            ## Clareamento dental
            O clareamento dental a laser custa 800 reais e é feito em duas sessões de uma hora.
            ## Limpeza dental
            A limpeza com remoção de tártaro custa 150 reais e inclui aplicação de flúor.
            ## Implantes
            Cada implante dentário de titânio custa a partir de 3.500 reais, com a coroa incluída.
            ## Aparelho ortodôntico
            O aparelho fixo metálico custa 2.400 reais; o alinhador transparente começa em 6.000 reais.
            # Atendimento
            ## Horário de funcionamento
            Funcionamos de segunda a sexta das 8h às 20h e aos sábados das 8h às 12h.
            ## Convênios
            Aceitamos os convênios Amil, Bradesco Saúde e SulAmérica Odonto; outros planos por reembolso.
            ## Urgências odontológicas
            Em caso de dor forte ou dente quebrado, ligue para o plantão 24 horas: (11) 99999-0000.
            ## Parcelamento
            Parcelamos tratamentos em até 12 vezes sem juros no cartão de crédito.
            # Cuidados
            ## Após extração
            Depois de extrair um dente, não cuspa, não use canudo e evite alimentos quentes por 24 horas.
            ## Após clareamento
            Depois do clareamento evite café, vinho tinto e alimentos com corante por 48 horas.
            ## Crianças
            A primeira consulta da criança deve acontecer quando nasce o primeiro dente.
            """),
        ("Northside Motors & Spa", """
            # Dealership
            ## Test drives
            Test drives are free and take about 30 minutes; bring a valid driver's license and book a slot online.
            ## Financing
            We offer financing from 36 to 72 months with approved credit; the down payment starts at 10 percent.
            ## Warranty
            Every certified pre-owned vehicle includes a 12-month or 12,000-mile limited powertrain warranty.
            ## Trade-in
            We appraise your current car for free and apply its trade-in value to the new purchase the same day.
            ## Service department
            The service department is open Monday to Saturday from 7 am to 7 pm; oil changes take about 45 minutes.
            ## Recalls
            Recall repairs are done at no cost; enter your VIN on our website to check open recalls.
            # Spa
            ## Massages
            A 60-minute Swedish massage costs 85 dollars and a deep tissue massage costs 100 dollars.
            ## Gift cards
            Gift cards are sold in any amount, never expire and can be used for any spa service.
            ## Membership
            The monthly membership costs 70 dollars and includes one massage plus 15 percent off products.
            ## Late arrivals
            If you arrive late your treatment will end on time so the next guest is not delayed; it is charged in full.
            ## Pregnancy
            Prenatal massage is available after the first trimester with a therapist trained for pregnancy.
            ## Wifi and lockers
            Free wifi and private lockers with robes and slippers are provided to every guest.
            """),
    ];

    internal static readonly (string Query, string Expected)[] Queries =
    [
        ("cuánto cuesta el botox", "Precios > Botox"),
        ("precio botx", "Precios > Botox"),
        ("valor de la toxina botulinica por zona", "Precios > Botox"),
        ("cuanto dura el efecto del botox", "Precios > Botox"),
        ("precio relleno de labios", "Precios > Rellenos"),
        ("acido hialuronico costo", "Precios > Rellenos"),
        ("depilasion laser piernas precio", "Precios > Depilación láser"),
        ("cuantas sesiones de laser necesito", "Precios > Depilación láser"),
        ("limpiesa facial", "Precios > Limpieza facial"),
        ("peeling manchas en la piel", "Precios > Peeling químico"),
        ("tratamiento para la caida del pelo", "Precios > Mesoterapia"),
        ("a que hora abren entre semana", "Horarios > Entre semana"),
        ("horario de lunes a viernes", "Horarios > Entre semana"),
        ("abren los sabados", "Horarios > Sábados"),
        ("atienden el domingo", "Horarios > Sábados"),
        ("abren en festivos", "Horarios > Festivos"),
        ("puedo hacer ejercicio despues del botox", "Cuidados posteriores > Después del botox"),
        ("me puedo acostar despues de la aplicacion de botox", "Cuidados posteriores > Después del botox"),
        ("puedo tomar sol despues de la depilacion", "Cuidados posteriores > Después del láser"),
        ("la piel se me pela despues del peeling", "Cuidados posteriores > Después del peeling"),
        ("quiero cancelar mi cita", "Políticas > Cancelación"),
        ("cambiar la cita sin costo", "Políticas > Cancelación"),
        ("aceptan tarjeta de credito", "Políticas > Pagos"),
        ("puedo pagar a cuotas", "Políticas > Pagos"),
        ("mi hija tiene 16 años puede venir sola", "Políticas > Menores de edad"),
        ("devuelven el dinero de un paquete", "Políticas > Reembolsos"),
        ("donde queda la clinica", "Ubicación > Dirección"),
        ("direccion en bogota", "Ubicación > Dirección"),
        ("tienen parqueadero", "Ubicación > Parqueadero"),
        ("quanto custa o clareamento", "Preços > Clareamento dental"),
        ("preco clareamento a laser", "Preços > Clareamento dental"),
        ("valor da limpeza de tartaro", "Preços > Limpeza dental"),
        ("quanto custa um implante", "Preços > Implantes"),
        ("aparelho transparente preço", "Preços > Aparelho ortodôntico"),
        ("horario de funcionamento sabado", "Atendimento > Horário de funcionamento"),
        ("vocês aceitam convenio amil", "Atendimento > Convênios"),
        ("dente quebrado urgencia", "Atendimento > Urgências odontológicas"),
        ("posso parcelar o tratamento", "Atendimento > Parcelamento"),
        ("cuidados depois de extrair o dente", "Cuidados > Após extração"),
        ("posso tomar cafe depois do clareamento", "Cuidados > Após clareamento"),
        ("quando levar meu filho ao dentista", "Cuidados > Crianças"),
        ("how long is a test drive", "Dealership > Test drives"),
        ("do you offer financing", "Dealership > Financing"),
        ("finance a car for 60 months", "Dealership > Financing"),
        ("warranty on used cars", "Dealership > Warranty"),
        ("trade in my old car", "Dealership > Trade-in"),
        ("when is the service department open", "Dealership > Service department"),
        ("how long does an oil change take", "Dealership > Service department"),
        ("check recalls for my vin", "Dealership > Recalls"),
        ("price of a deep tissue massage", "Spa > Massages"),
        ("swedish masage cost", "Spa > Massages"),
        ("do gift cards expire", "Spa > Gift cards"),
        ("monthly membership price", "Spa > Membership"),
        ("what if I am late to my appointment", "Spa > Late arrivals"),
        ("massage while pregnant", "Spa > Pregnancy"),
        ("do you have lockers", "Spa > Wifi and lockers"),
    ];

    [Fact]
    public async Task Hybrid_retrieval_reaches_high_recall_and_beats_keywords_alone()
    {
        var model = new BuiltinEmbeddingModel();
        var chunker = new DocumentChunker();
        var chunks = new List<IndexedChunk>();
        foreach (var (title, markdown) in Corpus)
        {
            var documentId = Guid.NewGuid();
            var blocks = DocumentBlocks.Parse(string.Join("\n\n", markdown.Split('\n').Select(l => l.Trim())));
            foreach (var draft in chunker.Chunk(blocks))
            {
                var vector = (await model.GenerateAsync([KnowledgeIndex.IndexText(title, draft.Heading, draft.Text)]))[0].Vector.ToArray();
                chunks.Add(new IndexedChunk(Guid.NewGuid(), documentId, title, draft.Heading, draft.Text, vector));
            }
        }
        chunks.Should().HaveCountGreaterThanOrEqualTo(40);
        Queries.Should().HaveCountGreaterThanOrEqualTo(40);
        Queries.Select(q => q.Expected).Distinct().Should().OnlyContain(h => chunks.Any(c => c.Heading == h), "every expected passage exists");
        var index = KnowledgeIndex.Build(chunks, model.GetService(typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)) is Microsoft.Extensions.AI.EmbeddingGeneratorMetadata m ? m.DefaultModelDimensions ?? 0 : 0);

        var hybrid = new List<int?>();
        var keywords = new List<int?>();
        foreach (var (query, expected) in Queries)
        {
            var vector = (await model.GenerateAsync([query]))[0].Vector.ToArray();
            var hybridRank = Rank(index.Search(query, vector, 5, model.MinSimilarity), expected);
            var keywordRank = Rank(index.SearchKeywords(query, 5), expected);
            hybrid.Add(hybridRank);
            keywords.Add(keywordRank);
            if (hybridRank is null || keywordRank is null)
            {
                output.WriteLine($"  '{query}' → expected '{expected}': hybrid rank {hybridRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}, BM25 rank {keywordRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            }
        }

        var (hybridRecall, hybridMrr) = Score(hybrid);
        var (keywordRecall, keywordMrr) = Score(keywords);
        output.WriteLine($"{Queries.Length} queries over {chunks.Count} passages (es/pt/en)");
        output.WriteLine($"hybrid (BM25 + builtin embeddings, RRF): recall@5 = {hybridRecall:F3}, MRR = {hybridMrr:F3}");
        output.WriteLine($"BM25 alone:                              recall@5 = {keywordRecall:F3}, MRR = {keywordMrr:F3}");

        hybridRecall.Should().BeGreaterThanOrEqualTo(0.9);
        hybridRecall.Should().BeGreaterThanOrEqualTo(keywordRecall);
        hybridMrr.Should().BeGreaterThanOrEqualTo(keywordMrr);
    }

    private static int? Rank(List<SearchHit> hits, string expected)
    {
        var index = hits.FindIndex(h => h.Chunk.Heading == expected);
        return index < 0 ? null : index + 1;
    }

    private static (double Recall, double Mrr) Score(List<int?> ranks) =>
        (ranks.Count(r => r is not null) / (double)ranks.Count, ranks.Sum(r => r is null ? 0 : 1.0 / r.Value) / ranks.Count);
}
