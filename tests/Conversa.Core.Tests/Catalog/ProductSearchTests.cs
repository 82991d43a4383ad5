using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class ProductSearchTests
{
    private static readonly string LimpiezaFacial =
        ProductSearch.SearchTextOf("Limpieza facial", "LF-001", "Faciales", "Limpieza profunda con extracción.");

    [Theory]
    [InlineData("limpieza facial")]
    [InlineData("LIMPIEZA FACIÁL")]
    [InlineData("limpesa facial")]
    [InlineData("limpiesa")]
    [InlineData("facil limpieza")]
    [InlineData("limp")]
    [InlineData("lf-001")]
    [InlineData("extraccion")]
    [InlineData("una limpieza profunda con extraccion")]
    public void Accents_case_and_small_typos_still_match(string query) =>
        ProductSearch.Score(ProductSearch.Terms(query), LimpiezaFacial).Should().BePositive();

    [Theory]
    [InlineData("botox")]
    [InlineData("limpieza corporal")]
    [InlineData("fax")]
    [InlineData("lf-002")]
    public void Other_words_do_not_match(string query) =>
        ProductSearch.Score(ProductSearch.Terms(query), LimpiezaFacial).Should().Be(0);

    [Fact]
    public void Exact_words_rank_above_typos()
    {
        var terms = ProductSearch.Terms("limpieza");
        ProductSearch.Score(terms, "limpieza facial").Should().BeGreaterThan(ProductSearch.Score(terms, "limpiesa facial"));
    }

    [Fact]
    public void Normalize_folds_accents_case_and_punctuation()
    {
        ProductSearch.Normalize("  Ñandú, AÇAÍ & Crème-brûlée! ").Should().Be("nandu acai creme brulee");
        ProductSearch.Normalize(null).Should().BeEmpty();
    }

    [Fact]
    public void A_query_of_only_stop_words_still_searches_them() =>
        ProductSearch.Terms("de la").Should().BeEquivalentTo("de", "la");

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("limpesa", "limpieza", 2)]
    [InlineData("facial", "faical", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_insertions_substitutions_and_transpositions(string a, string b, int expected) =>
        ProductSearch.EditDistance(a, b).Should().Be(expected);
}
