using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class ExtractorTests
{
    [Theory]
    [InlineData("quiero 2 sesiones", "es", "2", "sesiones")]
    [InlineData("necesito tres cremas", "es", "3", "cremas")]
    [InlineData("dos sesiones por favor", "es", "2", "sesiones")]
    [InlineData("veinticinco unidades", "es", "25", "unidades")]
    [InlineData("treinta y cinco años", "es", "35", "años")]
    [InlineData("quero duas sessões", "pt", "2", "sessões")]
    [InlineData("vinte e cinco unidades", "pt", "25", "unidades")]
    [InlineData("twenty-five units", "en", "25", "units")]
    [InlineData("a dozen roses", "en", "12", "roses")]
    [InlineData("una docena de rosas", "es", "12", null)]
    [InlineData("media docena", "es", "6", null)]
    [InlineData("un par de cremas", "es", "2", null)]
    [InlineData("cuesta 1.500 pesos", "es", "1500", "pesos")]
    [InlineData("it costs 1,500 dollars", "en", "1500", "dollars")]
    [InlineData("2,5 ml", "es", "2.5", "ml")]
    [InlineData("2.5 ml", "en", "2.5", "ml")]
    [InlineData("1.500.000 de pesos", "es", "1500000", null)]
    public void Numbers_and_what_they_count(string text, string language, string value, string? unit)
    {
        var number = NumberExtractor.Extract(text, language)[0];
        number.Value.Should().Be(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        number.Unit.Should().Be(unit);
    }

    [Theory]
    [InlineData("a las 15:30", "es")]
    [InlineData("el 5/12", "es")]
    [InlineData("mi número es 300 123 4567", "es")]
    [InlineData("me llamo Ana", "es")]
    [InlineData("quiero una cita", "es")]
    [InlineData("preço dos tratamentos", "pt")]
    [InlineData("I went there once", "en")]
    public void Times_dates_phones_articles_and_false_friends_are_not_numbers(string text, string language) =>
        NumberExtractor.Extract(text, language).Should().BeEmpty();

    [Theory]
    [InlineData("me llamo Ana", "Ana")]
    [InlineData("Me llamo juan pérez y quiero una cita", "Juan Pérez")]
    [InlineData("mi nombre es María de los Ángeles, gracias", "María de los Ángeles")]
    [InlineData("Hola, soy Carlos", "Carlos")]
    [InlineData("MI NOMBRE ES PEDRO GOMEZ", "Pedro Gomez")]
    [InlineData("meu nome é João da Silva", "João da Silva")]
    [InlineData("me chamo ana paula", "Ana Paula")]
    [InlineData("oi, sou a Fernanda", "Fernanda")]
    [InlineData("my name is John Smith and I need an appointment", "John Smith")]
    [InlineData("Hi, I'm Sarah", "Sarah")]
    [InlineData("call me Mike", "Mike")]
    public void A_name_after_an_introduction(string text, string expected) =>
        NameExtractor.Extract(text)!.Name.Should().Be(expected);

    [Theory]
    [InlineData("soy nueva por aquí")]
    [InlineData("soy alérgica al látex")]
    [InlineData("I'm interested in botox")]
    [InlineData("I am looking for a facial")]
    [InlineData("quiero una cita")]
    [InlineData("me llamo")]
    [InlineData("")]
    public void No_name_without_one(string text) => NameExtractor.Extract(text).Should().BeNull();

    [Fact]
    public void The_name_span_points_at_what_was_written()
    {
        const string text = "buenas! me llamo ana maría";
        var name = NameExtractor.Extract(text)!;
        name.Span.Of(text).Should().Be("ana maría");
        name.Name.Should().Be("Ana María");
    }

    [Theory]
    [InlineData("mi número es +57 300 123 4567", "573001234567", "+573001234567")]
    [InlineData("llámame al 300 123 4567", "3001234567", null)]
    [InlineData("whatsapp: 0034 600 123 456", "0034600123456", "+34600123456")]
    [InlineData("ligue (11) 98765-4321", "11987654321", null)]
    [InlineData("call me at +1 (212) 555-0123 please", "12125550123", "+12125550123")]
    public void Phone_numbers(string text, string digits, string? international)
    {
        var phone = PhoneExtractor.Extract(text).Single();
        phone.Digits.Should().Be(digits);
        phone.International.Should().Be(international);
        phone.Span.Of(text).Should().Be(phone.Raw);
    }

    [Theory]
    [InlineData("cuesta 15.000.000 de pesos")]
    [InlineData("el 2026-12-05")]
    [InlineData("tengo 2 hijos")]
    [InlineData("a las 15:30")]
    [InlineData("código 1234")]
    public void Amounts_dates_and_short_numbers_are_not_phones(string text) => PhoneExtractor.Extract(text).Should().BeEmpty();

    [Theory]
    [InlineData("mi correo es ana.perez@gmail.com", "ana.perez@gmail.com")]
    [InlineData("escríbeme a Ana.Perez@Gmail.COM.", "Ana.Perez@gmail.com")]
    [InlineData("email: john+clinic@mail.example.co.uk, thanks", "john+clinic@mail.example.co.uk")]
    [InlineData("(maria_92@hotmail.es)", "maria_92@hotmail.es")]
    public void Email_addresses(string text, string expected)
    {
        var email = EmailExtractor.Extract(text).Single();
        email.Address.Should().Be(expected);
        email.Span.Of(text).Should().BeEquivalentTo(expected);
    }

    [Theory]
    [InlineData("no tengo correo")]
    [InlineData("ana@gmail")]
    [InlineData("@clinica")]
    [InlineData("a@b.c")]
    public void Not_email_addresses(string text) => EmailExtractor.Extract(text).Should().BeEmpty();
}
