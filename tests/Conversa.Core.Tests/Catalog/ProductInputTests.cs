using System.Text.Json.Nodes;
using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class ProductInputTests
{
    [Fact]
    public void A_complete_product_is_valid() =>
        new ProductInput("Toyota Corolla 2021", "Única dueña", 18500.50m, "usd", "TC-2021", "Sedanes", 1, true,
            new JsonObject { ["year"] = 2021, ["km"] = 35000 }, "https://cdn.example.com/c.jpg", "http://example.com/c")
            .Validate().Should().BeEmpty();

    [Fact]
    public void Every_broken_field_is_named_with_the_prefix()
    {
        var errors = new ProductInput(" ", null, -1m, "XXX", null, null, -3, null, new JsonArray(), "ftp://x/y.png", "/relative")
            .Validate("products[2].");
        errors.Select(e => e.Field).Should().BeEquivalentTo(
            "products[2].name", "products[2].price", "products[2].currency", "products[2].stock",
            "products[2].attributes", "products[2].image_url", "products[2].url");
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("12.3456", true)]
    [InlineData("12.34567", false)]
    [InlineData("1000000000000", true)]
    [InlineData("1000000000000.0001", false)]
    public void Prices_have_up_to_four_decimals_and_a_ceiling(string price, bool valid) =>
        new ProductInput("x", null, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))
            .Validate().Any(e => e.Field == "price").Should().Be(!valid);

    [Fact]
    public void Missing_price_is_an_error() =>
        new ProductInput("x", null, null).Validate().Should().ContainSingle(e => e.Field == "price");

    [Fact]
    public void Normalizing_trims_and_upper_cases_the_currency()
    {
        var normalized = new ProductInput("  Botox ", "  ", 10m, " cop ", " ", "Faciales ").Normalized();
        normalized.Name.Should().Be("Botox");
        normalized.Description.Should().BeNull();
        normalized.Currency.Should().Be("COP");
        normalized.Sku.Should().BeNull();
        normalized.Category.Should().Be("Faciales");
    }

    [Fact]
    public void A_product_takes_the_default_currency_and_builds_its_search_text()
    {
        var product = Product.Create(new ProductInput("Limpieza Facial", null, 80000.0m, Sku: "LF-1"), "COP");
        product.Currency.Should().Be("COP");
        product.Active.Should().BeTrue();
        product.Price.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("80000");
        product.SearchText.Should().Be("limpieza facial lf 1");
        product.AttributesJson.Should().Be("{}");
    }
}
