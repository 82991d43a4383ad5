using Conversa.Core.Tenancy;

namespace Conversa.Core.Tests.Tenancy;

public sealed class TenantValidationTests
{
    [Theory]
    [InlineData("benova", true)]
    [InlineData("medi-spa-2", true)]
    [InlineData("a", true)]
    [InlineData("Benova", false)]
    [InlineData("-benova", false)]
    [InlineData("benova-", false)]
    [InlineData("be nova", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Slugs_are_lowercase_dns_labels(string? slug, bool valid) => TenantValidation.IsValidSlug(slug).Should().Be(valid);

    [Theory]
    [InlineData("America/Bogota", true)]
    [InlineData("Europe/Madrid", true)]
    [InlineData("UTC", true)]
    [InlineData("America/Sao_Paulo", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("EST5EDT2", false)]
    public void Timezones_are_iana_ids(string zone, bool valid) => TenantValidation.IsValidTimezone(zone).Should().Be(valid);

    [Theory]
    [InlineData("USD", true)]
    [InlineData("COP", true)]
    [InlineData("BRL", true)]
    [InlineData("usd", false)]
    [InlineData("XYZ", false)]
    public void Currencies_are_iso_4217(string code, bool valid) => TenantValidation.IsValidCurrency(code).Should().Be(valid);

    [Theory]
    [InlineData("es", true)]
    [InlineData("pt", true)]
    [InlineData("en", true)]
    [InlineData("fr", false)]
    public void Languages_are_spanish_portuguese_or_english(string language, bool valid) =>
        TenantValidation.IsValidLanguage(language).Should().Be(valid);
}
