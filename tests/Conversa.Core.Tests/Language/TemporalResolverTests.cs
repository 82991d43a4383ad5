using Conversa.Core.Language;
using Conversa.Core.Time;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Core.Tests.Language;

public sealed class TemporalResolverTests
{
    // Wednesday 25 November 2026, 10:00 in Bogotá (UTC-5 all year).
    private static readonly DateTimeZone Bogota = ZonedTime.Zone("America/Bogota");
    private static readonly Instant Wednesday = Local("2026-11-25T10:00", Bogota);

    private static Instant Local(string text, DateTimeZone zone) =>
        zone.AtStrictly(LocalDateTimePattern.GeneralIso.Parse(text + ":00").Value).ToInstant();

    private static string Resolve(string text, string language, Instant now, DateTimeZone zone) =>
        TemporalFormat.Describe(TemporalResolver.Find(text, new TemporalContext(now, zone, language)));

    [Theory]
    [InlineData("hoy", "date 2026-11-25")]
    [InlineData("mañana", "date 2026-11-26")]
    [InlineData("manana", "date 2026-11-26")]
    [InlineData("MAÑANA", "date 2026-11-26")]
    [InlineData("pasado mañana", "date 2026-11-27")]
    [InlineData("ayer", "date 2026-11-24")]
    [InlineData("el viernes", "date 2026-11-27")]
    [InlineData("este viernes", "date 2026-11-27")]
    [InlineData("el próximo lunes", "date 2026-11-30")]
    [InlineData("el proximo lunes", "date 2026-11-30")]
    [InlineData("el lunes que viene", "date 2026-11-30")]
    [InlineData("el martes", "date 2026-12-01")]
    [InlineData("el miércoles", "date 2026-11-25")]
    [InlineData("el miercoles de la próxima semana", "date 2026-12-02")]
    [InlineData("el sábado", "date 2026-11-28")]
    [InlineData("el domingo", "date 2026-11-29")]
    [InlineData("el 5 de diciembre", "date 2026-12-05")]
    [InlineData("el 5 de diciembre de 2027", "date 2027-12-05")]
    [InlineData("5 dic", "date 2026-12-05")]
    [InlineData("el viernes 4 de diciembre", "date 2026-12-04")]
    [InlineData("5/12", "date 2026-12-05")]
    [InlineData("12/25", "date 2026-12-25")]
    [InlineData("5/12/2027", "date 2027-12-05")]
    [InlineData("2026-12-05", "date 2026-12-05")]
    [InlineData("el día 5", "date 2026-12-05")]
    [InlineData("el dia 28", "date 2026-11-28")]
    [InlineData("en 3 días", "date 2026-11-28")]
    [InlineData("dentro de una semana", "date 2026-12-02")]
    public void Spanish_days(string text, string expected) => Resolve(text, "es", Wednesday, Bogota).Should().Be(expected);

    [Theory]
    [InlineData("a las 3", "time 15:00 assumed")]
    [InlineData("a las 3 de la tarde", "time 15:00 afternoon")]
    [InlineData("a las 10 de la mañana", "time 10:00 morning")]
    [InlineData("a las 10 de la noche", "time 22:00 night")]
    [InlineData("a la 1 de la madrugada", "time 01:00 earlymorning")]
    [InlineData("a las 8", "time 08:00 assumed")]
    [InlineData("a las 7", "time 19:00 assumed")]
    [InlineData("a las 12", "time 12:00 assumed")]
    [InlineData("3pm", "time 15:00")]
    [InlineData("3 pm", "time 15:00")]
    [InlineData("3 p.m.", "time 15:00")]
    [InlineData("10am", "time 10:00")]
    [InlineData("12am", "time 00:00")]
    [InlineData("12pm", "time 12:00")]
    [InlineData("15h", "time 15:00")]
    [InlineData("15h30", "time 15:30")]
    [InlineData("15:30", "time 15:30")]
    [InlineData("08:00", "time 08:00")]
    [InlineData("8:00", "time 08:00 assumed")]
    [InlineData("a las 3:30", "time 15:30 assumed")]
    [InlineData("a las 15 horas", "time 15:00")]
    [InlineData("a las tres y media", "time 15:30 assumed")]
    [InlineData("a las tres y cuarto", "time 15:15 assumed")]
    [InlineData("a las 4 menos cuarto", "time 15:45 assumed")]
    [InlineData("a las once", "time 11:00 assumed")]
    [InlineData("a la una", "time 13:00 assumed")]
    [InlineData("a las cinco y veinte de la tarde", "time 17:20 afternoon")]
    [InlineData("al mediodía", "time 12:00")]
    [InlineData("a medianoche", "time 00:00")]
    [InlineData("tres de la tarde", "time 15:00 afternoon")]
    public void Spanish_times(string text, string expected) => Resolve(text, "es", Wednesday, Bogota).Should().Be(expected);

    [Theory]
    [InlineData("mañana a las 3", "2026-11-26T15:00-05:00 assumed")]
    [InlineData("mañana a las 3 de la tarde", "2026-11-26T15:00-05:00")]
    [InlineData("mañana por la mañana", "morning 2026-11-26")]
    [InlineData("mañana en la tarde", "afternoon 2026-11-26")]
    [InlineData("el viernes por la tarde", "afternoon 2026-11-27")]
    [InlineData("por la tarde", "afternoon")]
    [InlineData("esta tarde", "afternoon 2026-11-25")]
    [InlineData("esta noche", "night 2026-11-25")]
    [InlineData("esta noche a las 8", "2026-11-25T20:00-05:00")]
    [InlineData("hoy a las 9 de la noche", "2026-11-25T21:00-05:00")]
    [InlineData("mañana a las 12 de la noche", "2026-11-27T00:00-05:00")]
    [InlineData("el próximo lunes a las 10", "2026-11-30T10:00-05:00 assumed")]
    [InlineData("el sábado 28 de noviembre a las 11", "2026-11-28T11:00-05:00 assumed")]
    [InlineData("el 15 a las 3", "2026-12-15T15:00-05:00 assumed")]
    [InlineData("el miércoles a las 9", "2026-12-02T09:00-05:00 assumed")]
    [InlineData("el miércoles a las 5", "2026-11-25T17:00-05:00 assumed")]
    [InlineData("el miércoles por la mañana", "morning 2026-11-25")]
    [InlineData("este miércoles a las 9", "2026-11-25T09:00-05:00 assumed")]
    [InlineData("en 2 horas", "2026-11-25T12:00-05:00")]
    [InlineData("dentro de 30 minutos", "2026-11-25T10:30-05:00")]
    [InlineData("en media hora", "2026-11-25T10:30-05:00")]
    [InlineData("en una hora y media", "2026-11-25T11:30-05:00")]
    [InlineData("la próxima semana", "2026-11-30..2026-12-06")]
    [InlineData("la semana que viene", "2026-11-30..2026-12-06")]
    [InlineData("esta semana", "2026-11-25..2026-11-29")]
    [InlineData("este fin de semana", "2026-11-28..2026-11-29")]
    [InlineData("el próximo fin de semana", "2026-12-05..2026-12-06")]
    [InlineData("el mes que viene", "2026-12-01..2026-12-31")]
    [InlineData("en diciembre", "2026-12-01..2026-12-31")]
    [InlineData("en enero", "2027-01-01..2027-01-31")]
    [InlineData("en noviembre", "2026-11-25..2026-11-30")]
    [InlineData("la próxima semana por la tarde", "2026-11-30..2026-12-06 afternoon")]
    public void Spanish_combinations_parts_of_day_and_ranges(string text, string expected) =>
        Resolve(text, "es", Wednesday, Bogota).Should().Be(expected);

    [Theory]
    [InlineData("hoje", "date 2026-11-25")]
    [InlineData("amanhã", "date 2026-11-26")]
    [InlineData("amanha", "date 2026-11-26")]
    [InlineData("depois de amanhã", "date 2026-11-27")]
    [InlineData("sexta-feira", "date 2026-11-27")]
    [InlineData("sexta feira", "date 2026-11-27")]
    [InlineData("na sexta", "date 2026-11-27")]
    [InlineData("quinta", "date 2026-11-26")]
    [InlineData("na próxima segunda", "date 2026-11-30")]
    [InlineData("segunda que vem", "date 2026-11-30")]
    [InlineData("terça", "date 2026-12-01")]
    [InlineData("sábado", "date 2026-11-28")]
    [InlineData("5 de dezembro", "date 2026-12-05")]
    [InlineData("dia 5", "date 2026-12-05")]
    [InlineData("5/12", "date 2026-12-05")]
    [InlineData("amanhã às 15h", "2026-11-26T15:00-05:00")]
    [InlineData("amanha as 15h", "2026-11-26T15:00-05:00")]
    [InlineData("amanhã às 3 da tarde", "2026-11-26T15:00-05:00")]
    [InlineData("sábado às 10h", "2026-11-28T10:00-05:00 assumed")]
    [InlineData("sexta às 14:30", "2026-11-27T14:30-05:00")]
    [InlineData("às 15h30", "time 15:30")]
    [InlineData("às três e meia", "time 15:30 assumed")]
    [InlineData("à uma da tarde", "time 13:00 afternoon")]
    [InlineData("ao meio-dia", "time 12:00")]
    [InlineData("à tarde", "afternoon")]
    [InlineData("de manhã", "morning")]
    [InlineData("amanhã de manhã", "morning 2026-11-26")]
    [InlineData("hoje à noite", "night 2026-11-25")]
    [InlineData("daqui a 2 horas", "2026-11-25T12:00-05:00")]
    [InlineData("daqui a meia hora", "2026-11-25T10:30-05:00")]
    [InlineData("em 3 dias", "date 2026-11-28")]
    [InlineData("semana que vem", "2026-11-30..2026-12-06")]
    [InlineData("na próxima semana", "2026-11-30..2026-12-06")]
    [InlineData("no fim de semana", "2026-11-28..2026-11-29")]
    [InlineData("mês que vem", "2026-12-01..2026-12-31")]
    public void Portuguese(string text, string expected) => Resolve(text, "pt", Wednesday, Bogota).Should().Be(expected);

    [Theory]
    [InlineData("today", "date 2026-11-25")]
    [InlineData("tomorrow", "date 2026-11-26")]
    [InlineData("tomorow", "date 2026-11-26")]
    [InlineData("the day after tomorrow", "date 2026-11-27")]
    [InlineData("this Friday", "date 2026-11-27")]
    [InlineData("on Friday", "date 2026-11-27")]
    [InlineData("next Monday", "date 2026-11-30")]
    [InlineData("Monday next week", "date 2026-11-30")]
    [InlineData("December 5th", "date 2026-12-05")]
    [InlineData("Dec 5, 2027", "date 2027-12-05")]
    [InlineData("the 5th of December", "date 2026-12-05")]
    [InlineData("the 5th", "date 2026-12-05")]
    [InlineData("5/12", "date 2027-05-12")]
    [InlineData("12/5", "date 2026-12-05")]
    [InlineData("25/12", "date 2026-12-25")]
    [InlineData("tomorrow at 10", "2026-11-26T10:00-05:00 assumed")]
    [InlineData("next Monday 10am", "2026-11-30T10:00-05:00")]
    [InlineData("next monday at 10 am", "2026-11-30T10:00-05:00")]
    [InlineData("Friday at 3pm", "2026-11-27T15:00-05:00")]
    [InlineData("tomorrow morning", "morning 2026-11-26")]
    [InlineData("friday afternoon", "afternoon 2026-11-27")]
    [InlineData("tonight", "night 2026-11-25")]
    [InlineData("tonight at 8", "2026-11-25T20:00-05:00")]
    [InlineData("this evening", "evening 2026-11-25")]
    [InlineData("in the afternoon", "afternoon")]
    [InlineData("at 7pm", "time 19:00")]
    [InlineData("at noon", "time 12:00")]
    [InlineData("noon", "time 12:00")]
    [InlineData("midnight", "time 00:00")]
    [InlineData("half past three", "time 15:30 assumed")]
    [InlineData("quarter to 4", "time 15:45 assumed")]
    [InlineData("at 10 o'clock", "time 10:00 assumed")]
    [InlineData("in 2 hours", "2026-11-25T12:00-05:00")]
    [InlineData("in half an hour", "2026-11-25T10:30-05:00")]
    [InlineData("in an hour and a half", "2026-11-25T11:30-05:00")]
    [InlineData("in 3 days", "date 2026-11-28")]
    [InlineData("in a week", "date 2026-12-02")]
    [InlineData("next week", "2026-11-30..2026-12-06")]
    [InlineData("this weekend", "2026-11-28..2026-11-29")]
    [InlineData("next month", "2026-12-01..2026-12-31")]
    [InlineData("in May", "2027-05-01..2027-05-31")]
    public void English(string text, string expected) => Resolve(text, "en", Wednesday, Bogota).Should().Be(expected);

    [Theory]
    [InlineData("quiero botox")]
    [InlineData("¿cuánto cuesta la limpieza facial?")]
    [InlineData("tengo 3 hijos")]
    [InlineData("cuesta 150 dólares")]
    [InlineData("quiero 2 sesiones")]
    [InlineData("2 horas de masaje")]
    [InlineData("buenas tardes")]
    [InlineData("buenas noches, gracias")]
    [InlineData("buenos días")]
    [InlineData("boa tarde")]
    [InlineData("boa noite")]
    [InlineData("bom dia, tudo bem?")]
    [InlineData("good morning")]
    [InlineData("atendemos 24/7")]
    [InlineData("el precio es 1.500")]
    [InlineData("as 3 primeiras sessões")]
    [InlineData("a segunda opção")]
    [InlineData("quinta vez que escribo")]
    [InlineData("espera um segundo")]
    [InlineData("llegaré tarde")]
    [InlineData("las 3 sesiones")]
    [InlineData("a dos cuadras del metro")]
    [InlineData("may I book?")]
    [InlineData("2 out of 3")]
    [InlineData("mi número es 300 123 4567")]
    [InlineData("")]
    public void Messages_without_a_date_or_time_give_none(string text)
    {
        TemporalResolver.Find(text, new TemporalContext(Wednesday, Bogota, "es")).Should().BeNull();
        TemporalResolver.Find(text, new TemporalContext(Wednesday, Bogota, "en")).Should().BeNull();
    }

    [Theory]
    [InlineData("Quiero una cita mañana a las 3 de la tarde, por favor", "mañana a las 3 de la tarde")]
    [InlineData("¿Puede ser el viernes?", "el viernes")]
    [InlineData("Can I come next Monday 10am?", "next Monday 10am")]
    [InlineData("Olá! Quero marcar amanhã às 15h com a Dra. Ana", "amanhã às 15h")]
    [InlineData("me sirve el 5 de diciembre a las 10:30 si hay", "el 5 de diciembre a las 10:30")]
    [InlineData("prefiero por la tarde", "por la tarde")]
    public void The_span_covers_the_whole_expression_and_nothing_else(string text, string expected)
    {
        var found = TemporalResolver.Find(text, new TemporalContext(Wednesday, Bogota, "es"));
        found.Should().NotBeNull();
        found!.Text.Should().Be(expected);
        found.Span.Of(text).Should().Be(expected);
    }

    [Fact]
    public void Several_expressions_are_found_in_order()
    {
        var found = TemporalResolver.FindAll("no puedo mañana, mejor el viernes a las 5", new TemporalContext(Wednesday, Bogota, "es"));
        found.Select(TemporalFormat.Describe).Should().Equal("date 2026-11-26", "2026-11-27T17:00-05:00 assumed");
    }

    [Fact]
    public void A_bare_number_is_an_hour_only_when_the_dialog_asked_for_a_time()
    {
        var asked = new TemporalContext(Wednesday, Bogota, "es") { ExpectingTime = true };
        TemporalFormat.Describe(TemporalResolver.Find("3", asked)).Should().Be("time 15:00 assumed");
        TemporalFormat.Describe(TemporalResolver.Find("las 10", asked)).Should().Be("time 10:00 assumed");
        TemporalResolver.Find("3", new TemporalContext(Wednesday, Bogota, "es")).Should().BeNull();
        TemporalResolver.Find("3 personas", asked).Should().BeNull();
    }

    [Fact]
    public void A_time_alone_can_be_placed_on_the_day_the_dialog_already_has()
    {
        var time = TemporalResolver.Find("a las 3", new TemporalContext(Wednesday, Bogota, "es"))!;
        var at = TemporalResolver.At(new LocalDate(2026, 11, 27), time.Time!.Value, Bogota);
        at.ToInstant().Should().Be(Instant.FromUtc(2026, 11, 27, 20, 0));
    }
}
