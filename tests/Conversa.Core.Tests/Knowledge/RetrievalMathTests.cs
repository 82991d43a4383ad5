using System.Numerics.Tensors;
using Conversa.Core.Knowledge;

namespace Conversa.Core.Tests.Knowledge;

public sealed class RetrievalMathTests
{
    private static readonly HashedEmbedder Embedder = new();

    private static float Cosine(string a, string b) => TensorPrimitives.Dot(Embedder.Embed(a), Embedder.Embed(b));

    [Fact]
    public void Hashed_vectors_are_normalised_and_deterministic()
    {
        var vector = Embedder.Embed("Precio del botox en la clínica");
        TensorPrimitives.Norm(vector).Should().BeApproximately(1f, 1e-4f);
        vector.Should().Equal(new HashedEmbedder().Embed("Precio del botox en la clínica"));
        Embedder.Embed("de la el").Should().OnlyContain(v => v == 0, "stop words alone carry nothing");
    }

    [Fact]
    public void Typos_and_inflections_stay_closer_than_unrelated_text()
    {
        Cosine("depilasion laser", "depilación láser").Should().BeGreaterThan(0.5f);
        Cosine("botx", "botox").Should().BeGreaterThan(Cosine("botx", "parqueadero"));
        Cosine("horarios de atención", "horario atencion").Should().BeGreaterThan(0.8f);
        Cosine("precio del botox", "parqueadero gratuito para clientes").Should().BeLessThan(0.2f);
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement()
    {
        var fused = ReciprocalRankFusion.Fuse([[1, 2, 3], [3, 1, 4]]);
        fused.Select(f => f.Item).Should().Equal(1, 3, 2, 4);
        fused[0].Score.Should().BeApproximately(1.0 / 61 + 1.0 / 62, 1e-12);
    }

    private static KnowledgeIndex Index(params (string Title, string Text)[] chunks) => KnowledgeIndex.Build(
        chunks.Select(c => new IndexedChunk(Guid.NewGuid(), Guid.NewGuid(), c.Title, null, c.Text,
            Embedder.Embed(KnowledgeIndex.IndexText(c.Title, null, c.Text)))).ToList(), Embedder.Dimensions);

    [Fact]
    public void Bm25_prefers_rare_terms_and_matches_inflections()
    {
        var index = Index(
            ("Precios", "El botox cuesta 250 USD por zona."),
            ("Precios", "La limpieza facial cuesta 60 USD."),
            ("Horarios", "Atendemos de lunes a viernes."));
        index.SearchKeywords("cuánto cuestan los botox", 3)[0].Chunk.Text.Should().Contain("botox");
        index.SearchKeywords("horario", 3).Should().ContainSingle().Which.Chunk.Title.Should().Be("Horarios");
    }

    [Fact]
    public void Hybrid_search_finds_typos_that_keywords_miss_and_nothing_for_unrelated_queries()
    {
        var index = Index(
            ("Precios", "El botox cuesta 250 USD por zona."),
            ("Parqueadero", "Tenemos parqueadero gratuito para clientes."));
        index.SearchKeywords("botx", 5).Should().BeEmpty();
        var hits = index.Search("botx precio", Embedder.Embed("botx precio"), 5, 0.25f);
        hits[0].Chunk.Text.Should().Contain("botox");
        index.Search("zzz qqq", Embedder.Embed("zzz qqq"), 5, 0.25f).Should().BeEmpty();
    }

    [Fact]
    public void Checksums_do_not_depend_on_order()
    {
        KnowledgeChecksum.Of(["a", "b", "c"]).Should().Be(KnowledgeChecksum.Of(["c", "a", "b"]));
        KnowledgeChecksum.Of(["a", "b"]).Should().NotBe(KnowledgeChecksum.Of(["a", "b2"]));
    }
}
