using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.0001", 1L)]
    [InlineData("19.99", 199_900L)]
    [InlineData("1000000000000", 10_000_000_000_000_000L)]
    public void Amounts_are_stored_exactly_as_ten_thousandths(string amount, long stored)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        Money.ToStored(value).Should().Be(stored);
        Money.FromStored(stored).Should().Be(value);
    }

    [Fact]
    public void Read_back_amounts_have_no_trailing_zeros() =>
        Money.Format(Money.FromStored(125_000)).Should().Be("12.5");

    [Fact]
    public void Filter_bounds_round_outwards_to_what_can_be_stored()
    {
        Money.CeilingToStored(10.00005m).Should().Be(10.0001m);
        Money.FloorToStored(10.00005m).Should().Be(10.0000m);
        Money.CeilingToStored(10m).Should().Be(10m);
    }
}
