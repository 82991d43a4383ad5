using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The availability agent through <c>POST /api/chat</c>: free times per local day in the customer's language, the
/// service asked for when the tenant has several, closed days answered with the nearest open ones, the offer to book
/// continued by the schedule agent ("sí, a las 10"), a day that changes to summer time, and tenants that never see
/// each other's bookings.
/// </summary>
public abstract class AvailabilityAgentTests(ConversaFactory app)
{
    private Task<ChatClinic> BogotaClinicAsync() => ChatClinic.CreateAsync(
        app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
        [("Botox", 30), ("Limpieza facial", 60)], [("Dra. Ríos", ["Botox", "Limpieza facial"])]);

    [Fact]
    public async Task Free_times_for_tomorrow_are_listed_and_a_yes_with_a_time_continues_into_a_booking()
    {
        var clinic = await BogotaClinicAsync();

        var slots = await clinic.SayAsync("ana", "¿Tienen espacio mañana para botox?");
        slots.Str("agent").Should().Be("availability");
        slots.Str("intent").Should().Be("availability");
        slots.Str("reply").Should().Contain("Para Botox tengo libre:\nMañana martes 4 de marzo: 9:00, 9:15, 9:30, 9:45, 10:00, 10:15, 10:30, 10:45…")
            .And.Contain("¿Quieres que te reserve alguno?");

        var time = await clinic.SayAsync("ana", "sí, a las 10");
        time.Str("agent").Should().Be("schedule", "the offer left the schedule dialog waiting");
        time.Str("reply").Should().Contain("¿A nombre de quién");

        var confirm = await clinic.SayAsync("ana", "Me llamo Ana Gómez");
        confirm.Str("reply").Should().Contain("Botox con Dra. Ríos mañana martes 4 de marzo a las 10:00, a nombre de Ana Gómez");
        var yes = await clinic.SayAsync("ana", "sí");
        yes.Actions("booking_created").Single().Str("start").Should().Be("2031-03-04T10:00:00-05:00");
        (await clinic.BookingsAsync()).Single().Str("start").Should().Be("2031-03-04T10:00:00-05:00");

        var after = await clinic.SayAsync("ana", "¿Tienen espacio mañana para botox?");
        after.Str("reply").Should().Contain("9:30, 10:30,", "the booked half hour (and what would overlap it) is no longer offered");
    }

    [Fact]
    public async Task With_several_services_the_service_is_asked_and_the_day_asked_before_is_kept()
    {
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Sao_Paulo", "pt",
            [("Limpeza de pele", 60), ("Botox", 30)], [("Dra. Carla", ["Limpeza de pele", "Botox"])]);

        var which = await clinic.SayAsync("maria", "qual horário vocês têm na sexta?");
        which.Str("agent").Should().Be("availability");
        which.Str("reply").Should().Contain("Para qual serviço").And.Contain("Limpeza de pele").And.Contain("Botox");

        var slots = await clinic.SayAsync("maria", "botox");
        slots.Str("agent").Should().Be("availability");
        slots.Str("reply").Should().Contain("Sexta-feira, 7 de março: 9:00, 9:15").And.Contain("Quer que eu agende algum?");
    }

    [Fact]
    public async Task An_english_question_about_next_monday_is_answered_in_english()
    {
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/New_York", "en",
            [("Botox", 30)], [("Dr. Smith", ["Botox"])]);

        var slots = await clinic.SayAsync("john", "any openings next Monday?");
        slots.Str("agent").Should().Be("availability");
        slots.Str("reply").Should().StartWith("For Botox I have:\nMonday, March 10: 9:00 AM, 9:15 AM, 9:30 AM");
    }

    [Fact]
    public async Task A_closed_day_is_answered_with_the_nearest_open_days_and_no_day_means_the_next_free_ones()
    {
        var clinic = await BogotaClinicAsync();

        var sunday = await clinic.SayAsync("c", "¿tienen espacio el domingo para botox?");
        sunday.Str("reply").Should().Contain("Domingo 9 de marzo no tengo horarios libres para Botox").And.Contain("Lunes 10 de marzo: 9:00");

        var next = await clinic.SayAsync("d", "¿qué horarios tienen libres para limpieza facial?");
        next.Str("reply").Should().Contain("Para Limpieza facial tengo libre:\nHoy lunes 3 de marzo: 11:00")
            .And.Contain("Mañana martes 4 de marzo: 9:00").And.Contain("Miércoles 5 de marzo: 9:00");
    }

    [Fact]
    public async Task Tomorrow_is_listed_and_booked_in_local_time_across_the_change_to_summer_time()
    {
        // Madrid moves from +01:00 to +02:00 at 02:00 on Sunday 2031-03-30; today is Saturday at 10:00.
        var clinic = await ChatClinic.CreateAsync(app, new DateTimeOffset(2031, 3, 29, 9, 0, 0, TimeSpan.Zero), "Europe/Madrid", "es",
            [("Botox", 30)], [("Dra. Vidal", ["Botox"])], weekdays: [1, 2, 3, 4, 5, 6, 7]);

        var slots = await clinic.SayAsync("madrid", "¿Tienen espacio mañana para botox?");
        slots.Str("reply").Should().Contain("Mañana domingo 30 de marzo: 9:00, 9:15, 9:30");

        var confirm = await clinic.SayAsync("madrid", "sí, a las 10, me llamo Lucía Vidal");
        confirm.Str("reply").Should().Contain("mañana domingo 30 de marzo a las 10:00");
        var yes = await clinic.SayAsync("madrid", "sí");
        yes.Actions("booking_created").Single().Str("start").Should().Be("2031-03-30T10:00:00+02:00");
        (await clinic.BookingsAsync()).Single().Str("start").Should().Be("2031-03-30T10:00:00+02:00", "10:00 on the clock that day, not 24 hours from now");
    }

    [Fact]
    public async Task Another_tenant_s_bookings_and_providers_never_show()
    {
        var mine = await BogotaClinicAsync();
        var other = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
            [("Botox", 30)], [("Sra. Pérez", ["Botox"])]);
        await other.BookForSomeoneElseAsync("Botox", "Sra. Pérez", "2031-03-04T09:00");

        var theirs = await other.SayAsync("x", "¿Tienen espacio mañana para botox?");
        theirs.Str("reply").Should().Contain("Mañana martes 4 de marzo: 9:30,");
        var ours = await mine.SayAsync("x", "¿Tienen espacio mañana para botox con la Sra. Pérez?");
        ours.Str("reply").Should().Contain("Mañana martes 4 de marzo: 9:00, 9:15").And.NotContain("Pérez");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AvailabilityAgentTestsOnSqlite(SqliteFactory app) : AvailabilityAgentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AvailabilityAgentTestsOnPostgres(PostgresFactory app) : AvailabilityAgentTests(app);
