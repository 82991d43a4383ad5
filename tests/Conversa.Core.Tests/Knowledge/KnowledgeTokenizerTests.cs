using Conversa.Core.Knowledge;

namespace Conversa.Core.Tests.Knowledge;

public sealed class KnowledgeTokenizerTests
{
    [Fact]
    public void Case_and_accents_are_folded()
    {
        TextFolding.Words("¿Cuánto cuesta la DEPILACIÓN? Ação, preço!").Should()
            .Equal("cuanto", "cuesta", "la", "depilacion", "acao", "preco");
    }

    [Fact]
    public void Stop_words_are_dropped_in_three_languages()
    {
        KnowledgeTokenizer.Terms("el precio de la cita").Should().HaveCount(2);
        KnowledgeTokenizer.Terms("o preço da consulta").Should().HaveCount(2);
        KnowledgeTokenizer.Terms("what is the price of the visit").Should().HaveCount(2);
    }

    [Theory]
    [InlineData("precios", "precio")]
    [InlineData("depilaciones", "depilación")]
    [InlineData("depilação", "depilacion")]
    [InlineData("tratamientos", "tratamiento")]
    [InlineData("treatments", "treatment")]
    [InlineData("horarios", "Horario")]
    [InlineData("citas", "cita")]
    [InlineData("meses", "mes")]
    public void Inflections_share_a_stem(string a, string b)
    {
        KnowledgeTokenizer.Terms(a).Should().Equal(KnowledgeTokenizer.Terms(b));
    }

    [Fact]
    public void Numbers_and_short_words_are_kept_as_they_are()
    {
        KnowledgeTokenizer.Terms("botox 250 usd").Should().Equal("botox", "250", "usd");
    }
}
