using Conversa.Core.Booking;
using Conversa.Core.Contacts;
using FluentAssertions;
using Xunit;

namespace Conversa.Core.Tests.Booking;

public class BookingInputTests
{
    [Theory]
    [InlineData("Limpieza Facial", "limpieza-facial")]
    [InlineData("  LIMPIEZA   fácial ", "limpieza-facial")]
    [InlineData("Depilación láser (axilas)", "depilacion-laser-axilas")]
    public void Service_names_fold_to_one_slug(string name, string slug) => Service.SlugOf(name).Should().Be(slug);

    [Fact]
    public void Service_input_is_checked()
    {
        new ServiceInput("Botox", 30, 250000.5m, 10).Validate().Should().BeEmpty();
        new ServiceInput(null, null).Validate().Select(e => e.Field).Should().Equal("name", "duration_minutes");
        new ServiceInput("x", 4, -1m, 241).Validate().Select(e => e.Field).Should().Equal("duration_minutes", "buffer_minutes", "price");
        new ServiceInput("x", 1441, 1.00001m, Currency: "XX").Validate().Select(e => e.Field).Should().Equal("duration_minutes", "price", "currency");
        new ServiceInput("!!!", 30).Validate().Select(e => e.Field).Should().Equal("name");
    }

    [Fact]
    public void Customers_are_normalised_and_checked()
    {
        var customer = new CustomerInput(" Ana Gómez ", "+57 300-123 4567", "Ana@Example.COM").Normalized();
        customer.Should().Be(new CustomerInput("Ana Gómez", "+573001234567", "ana@example.com"));
        new CustomerInput("Ana", null, null).Validate("customer.").Should().BeEmpty();
        new CustomerInput(" ", "12", "not-an-email").Validate("customer.").Select(e => e.Field)
            .Should().Equal("customer.name", "customer.phone", "customer.email");
    }

    [Fact]
    public void Provider_service_ids_must_be_ids()
    {
        var id = Guid.NewGuid();
        new ProviderInput("Dra. Ana", [id.ToString(), id.ToString()], "Europe/Madrid").Validate(out var ids).Should().BeEmpty();
        ids.Should().Equal(id);
        new ProviderInput("", ["nope"], "Mars/Olympus").Validate(out _).Select(e => e.Field).Should().Equal("name", "timezone", "service_ids[0]");
    }

    [Theory]
    [InlineData("confirmed", BookingStatus.Confirmed)]
    [InlineData("NO_SHOW", BookingStatus.NoShow)]
    [InlineData("canceled", BookingStatus.Cancelled)]
    public void Statuses_read_their_names(string name, BookingStatus status)
    {
        BookingStatuses.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(status);
        BookingStatuses.TryParse("maybe", out _).Should().BeFalse();
        BookingStatus.NoShow.Name().Should().Be("no_show");
    }
}
