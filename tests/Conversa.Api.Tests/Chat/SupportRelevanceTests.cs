using Conversa.Api.Tests.Knowledge;
using Conversa.Core.Knowledge;
using Conversa.Infrastructure.Engine.Support;
using Conversa.Infrastructure.Knowledge;
using Xunit.Abstractions;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The support agent's relevance bar on the retrieval corpus (es/pt/en FAQs): questions the corpus answers must get
/// their own passage, off-topic questions must get none, so "no sé" is said instead of reciting an unrelated passage.
/// </summary>
public sealed class SupportRelevanceTests(ITestOutputHelper output)
{
    private static readonly string[] OffTopic =
    [
        "venden bicicletas", "cual es la capital de francia", "precio de la gasolina hoy", "quien gano el partido ayer",
        "tienen servicio de taxi", "me recomiendas una pelicula", "cuanto cuesta un iphone", "necesito un plomero",
        "quem ganhou o jogo ontem", "voces vendem pneus", "qual a previsao do tempo", "quanto custa uma passagem aerea",
        "do you sell laptops", "what is the weather tomorrow", "who is the president", "can you fix my roof",
        "how much is a plane ticket", "do you have pizza", "clases de guitarra", "alquiler de autos", "seguro de vida",
        "price of a haircut", "dog grooming",
    ];

    [Fact]
    public async Task Answerable_questions_find_their_passage_and_off_topic_ones_find_none()
    {
        var model = new BuiltinEmbeddingModel();
        var chunker = new DocumentChunker();
        var chunks = new List<IndexedChunk>();
        foreach (var (title, markdown) in RetrievalEvaluationTests.Corpus)
        {
            var documentId = Guid.NewGuid();
            var blocks = DocumentBlocks.Parse(string.Join("\n\n", markdown.Split('\n').Select(l => l.Trim())));
            foreach (var draft in chunker.Chunk(blocks))
            {
                var vector = (await model.GenerateAsync([KnowledgeIndex.IndexText(title, draft.Heading, draft.Text)]))[0].Vector.ToArray();
                chunks.Add(new IndexedChunk(Guid.NewGuid(), documentId, title, draft.Heading, draft.Text, vector));
            }
        }
        var index = KnowledgeIndex.Build(chunks, HashedEmbedder.DefaultDimensions);

        async Task<IndexedChunk?> AnswerAsync(string question)
        {
            var vector = (await model.GenerateAsync([question]))[0].Vector.ToArray();
            var relevance = PassageRelevance.For(question, index);
            return index.Search(question, vector, KnowledgeLookup.Candidates, model.MinSimilarity).FirstOrDefault(relevance.IsRelevant)?.Chunk;
        }

        int right = 0, wrong = 0;
        foreach (var (question, expected) in RetrievalEvaluationTests.Queries)
        {
            var answer = await AnswerAsync(question);
            if (answer?.Heading == expected)
            {
                right++;
            }
            else
            {
                wrong += answer is null ? 0 : 1;
                output.WriteLine($"  '{question}' → {answer?.Heading ?? "nothing"} (expected {expected})");
            }
        }
        var answeredOffTopic = new List<string>();
        foreach (var question in OffTopic)
        {
            if (await AnswerAsync(question) is { } answer)
            {
                answeredOffTopic.Add($"{question} → {answer.Heading}");
            }
        }
        var total = RetrievalEvaluationTests.Queries.Length;
        output.WriteLine($"answerable: {right}/{total} right, {wrong} wrong; off-topic answered: {answeredOffTopic.Count}/{OffTopic.Length}");

        (right / (double)total).Should().BeGreaterThanOrEqualTo(0.9);
        wrong.Should().Be(0, "a wrong passage is worse than an honest 'I don't know'");
        answeredOffTopic.Should().BeEmpty();
    }

    [Fact]
    public void The_answer_is_the_sentences_about_the_question_not_the_whole_passage()
    {
        var index = KnowledgeIndex.Empty;
        var relevance = PassageRelevance.For("cuántas sesiones de láser necesito", index);
        var passage = "La depilación láser de piernas completas cuesta 120 USD por sesión; axilas 40 USD. Se recomiendan entre 6 y 8 sesiones. " +
            "Nuestro equipo es certificado.";

        relevance.BestSentences(passage, 2).Should().Equal(
            "La depilación láser de piernas completas cuesta 120 USD por sesión; axilas 40 USD.", "Se recomiendan entre 6 y 8 sesiones.");
        relevance.BestSentences(passage, 1).Should().Equal("La depilación láser de piernas completas cuesta 120 USD por sesión; axilas 40 USD.");
    }
}
