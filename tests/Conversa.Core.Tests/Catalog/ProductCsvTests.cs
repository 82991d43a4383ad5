using System.Text.Json.Nodes;
using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class ProductCsvTests
{
    private static Dictionary<string, string> Cells(params (string Column, string Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => c.Value);

    [Fact]
    public void A_row_becomes_a_product()
    {
        var (input, error) = ProductCsv.Read(Cells(("sku", "A1"), ("name", "Botox"), ("price", "250000.50"), ("stock", "3"),
            ("active", "false"), ("attributes", "{\"zona\":\"frente\"}")), null);
        error.Should().BeNull();
        input.Should().NotBeNull();
        input!.Should().BeEquivalentTo(new { Sku = "A1", Name = "Botox", Price = 250000.50m, Stock = 3, Active = false });
        input!.Attributes!["zona"]!.GetValue<string>().Should().Be("frente");
    }

    [Fact]
    public void Cells_merge_over_the_existing_product()
    {
        var existing = new ProductInput("Botox", "Tercio superior", 10m, "COP", "A1", "Faciales", 4, true, new JsonObject { ["a"] = 1 });
        var (input, _) = ProductCsv.Read(Cells(("sku", "A1"), ("price", "12"), ("description", "")), existing);
        input!.Name.Should().Be("Botox");
        input.Price.Should().Be(12m);
        input.Description.Should().BeNull();
        input.Category.Should().Be("Faciales");
    }

    [Theory]
    [InlineData("price", "12,50")]
    [InlineData("price", "abc")]
    [InlineData("stock", "1.5")]
    [InlineData("active", "maybe")]
    [InlineData("attributes", "[1,2]")]
    [InlineData("attributes", "{not json")]
    public void Malformed_cells_are_reported(string column, string value) =>
        ProductCsv.Read(Cells(("name", "x"), (column, value)), null).Error.Should().Contain(column);

    [Theory]
    [InlineData(new[] { "sku", "name", "price" }, null)]
    [InlineData(new[] { "sku", "price" }, null)]
    [InlineData(new[] { "name", "price" }, null)]
    [InlineData(new[] { "name" }, "needs")]
    [InlineData(new[] { "name", "price", "colour" }, "colour")]
    [InlineData(new[] { "sku", "sku" }, "more than once")]
    public void Headers_are_checked(string[] header, string? problem)
    {
        var error = ProductCsv.CheckHeader(header);
        if (problem is null)
        {
            error.Should().BeNull();
        }
        else
        {
            error.Should().Contain(problem);
        }
    }

    [Fact]
    public void Writing_then_reading_a_row_gives_the_product_back()
    {
        var product = new ProductInput("Casa \"El Lago\"", "3 hab, 2 baños", 350000.25m, "USD", "C-9", "Casas", 1, false,
            new JsonObject { ["m2"] = 120, ["barrio"] = "Norte" });
        var cells = ProductCsv.Columns.Zip(ProductCsv.Write(product)).ToDictionary(c => c.First, c => c.Second);
        var (read, error) = ProductCsv.Read(cells, null);
        error.Should().BeNull();
        read.Should().BeEquivalentTo(product, o => o.Excluding(p => p.Attributes));
        read!.Attributes!.ToJsonString().Should().Be(product.Attributes!.ToJsonString());
    }
}
