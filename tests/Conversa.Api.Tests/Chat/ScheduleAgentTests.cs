using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The schedule agent through <c>POST /api/chat</c>, with the clock on Monday 2031-03-03: booking dialogs in three
/// languages that end in a real booking at <c>GET /api/bookings</c>, every slot in one message, a taken time and a
/// time lost before the yes, cancelling and moving the contact's own bookings (and only theirs), the cancellation
/// window, and tenants that never see each other's services or bookings.
/// </summary>
public abstract class ScheduleAgentTests(ConversaFactory app)
{
    private Task<ChatClinic> BogotaClinicAsync(object? booking = null) => ChatClinic.CreateAsync(
        app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
        [("Botox", 30), ("Limpieza facial", 60)],
        [("Dra. Ríos", ["Botox", "Limpieza facial"]), ("Dr. Luis", ["Botox"])],
        booking);

    [Fact]
    public async Task A_spanish_dialog_fills_service_day_time_provider_and_name_then_books_for_the_contact()
    {
        var clinic = await BogotaClinicAsync();

        var start = await clinic.SayAsync("cliente-es", "Hola, quiero agendar una cita");
        start.Str("agent").Should().Be("schedule");
        start.Str("intent").Should().Be("booking");
        start.Str("reply").Should().Contain("Botox").And.Contain("Limpieza facial");

        var service = await clinic.SayAsync("cliente-es", "botox");
        service.Str("agent").Should().Be("schedule");
        service.Str("reply").Should().Contain("Mañana martes 4 de marzo: 9:00, 9:15", "the next free days are offered in the tenant's local time");

        var day = await clinic.SayAsync("cliente-es", "mañana");
        day.Str("reply").Should().Contain("Mañana martes 4 de marzo: 9:00").And.Contain("¿A qué hora");

        var time = await clinic.SayAsync("cliente-es", "a las 3 de la tarde");
        time.Str("reply").Should().Contain("Dra. Ríos").And.Contain("Dr. Luis").And.Contain("cualquiera");

        var provider = await clinic.SayAsync("cliente-es", "con la Dra. Ríos");
        provider.Str("reply").Should().Contain("¿A nombre de quién");

        var name = await clinic.SayAsync("cliente-es", "Ana Gómez");
        name.Str("reply").Should().Contain("Botox con Dra. Ríos mañana martes 4 de marzo a las 15:00").And.Contain("Ana Gómez").And.Contain("¿Confirmo");
        name.Actions("booking_created").Should().BeEmpty("nothing is booked before the yes");

        var yes = await clinic.SayAsync("cliente-es", "sí, por favor");
        var created = yes.Actions("booking_created").Should().ContainSingle().Subject;
        created.Str("start").Should().Be("2031-03-04T15:00:00-05:00");
        created.Str("service").Should().Be("Botox");
        created.Str("provider").Should().Be("Dra. Ríos");
        yes.Str("reply").Should().Contain("¡Listo!");

        var booking = (await clinic.BookingsAsync()).Should().ContainSingle().Subject;
        booking.Str("id").Should().Be(created.Str("booking_id"));
        booking.Str("start").Should().Be("2031-03-04T15:00:00-05:00");
        booking.Str("provider_id").Should().Be(clinic.Providers["Dra. Ríos"]);
        booking.Str("contact_id").Should().Be(yes.Str("contact_id"), "the booking belongs to the contact who chatted");
        booking["customer"]!.Str("name").Should().Be("Ana Gómez");

        var after = await clinic.SayAsync("cliente-es", "sí");
        after.Actions("booking_created").Should().BeEmpty("the dialog ended with the booking");
        (await clinic.BookingsAsync()).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_portuguese_dialog_books_with_the_only_provider_in_sao_paulo_time()
    {
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Sao_Paulo", "pt",
            [("Limpeza de pele", 60), ("Botox", 30)], [("Dra. Carla", ["Limpeza de pele", "Botox"])]);

        var first = await clinic.SayAsync("cliente-pt", "Oi, quero marcar limpeza de pele amanhã às 15h");
        first.Str("agent").Should().Be("schedule");
        first.Str("reply").Should().Contain("Em nome de quem");

        var name = await clinic.SayAsync("cliente-pt", "Meu nome é Joana Silva");
        name.Str("reply").Should().Contain("Limpeza de pele com Dra. Carla amanhã, terça-feira, 4 de março, às 15:00").And.Contain("Joana Silva");

        var yes = await clinic.SayAsync("cliente-pt", "sim");
        yes.Str("reply").Should().StartWith("Pronto!");
        yes.Actions("booking_created").Single().Str("start").Should().Be("2031-03-04T15:00:00-03:00");
        var booking = (await clinic.BookingsAsync()).Should().ContainSingle().Subject;
        booking.Str("start").Should().Be("2031-03-04T15:00:00-03:00");
        booking["customer"]!.Str("name").Should().Be("Joana Silva");
    }

    [Fact]
    public async Task An_english_request_with_everything_in_it_goes_straight_to_the_confirmation_across_a_daylight_saving_change()
    {
        // New York moves to -04:00 on Sunday 2031-03-09: "next Monday" is after the change, now is before it.
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/New_York", "en",
            [("Botox", 30), ("Facial", 60)], [("Dr. Smith", ["Botox", "Facial"]), ("Dr. Jones", ["Botox"])]);

        var confirm = await clinic.SayAsync("john", "I want to book botox next Monday at 10am with Dr. Jones, my name is John Carter");
        confirm.Str("agent").Should().Be("schedule");
        confirm.Str("reply").Should().Be("Great: Botox with Dr. Jones Monday, March 10 at 10:00 AM, under the name John Carter. Shall I confirm the booking?");

        var yes = await clinic.SayAsync("john", "yes");
        yes.Actions("booking_created").Single().Str("start").Should().Be("2031-03-10T10:00:00-04:00");
        var booking = (await clinic.BookingsAsync()).Should().ContainSingle().Subject;
        booking.Str("start").Should().Be("2031-03-10T10:00:00-04:00", "10am local after the change, not 10am at today's offset");
        booking.Str("provider_id").Should().Be(clinic.Providers["Dr. Jones"]);
    }

    [Fact]
    public async Task Everything_in_one_spanish_message_goes_straight_to_the_confirmation()
    {
        var clinic = await BogotaClinicAsync();

        var confirm = await clinic.SayAsync("todo", "Quiero agendar botox mañana a las 3 de la tarde con la Dra. Ríos, me llamo Ana Gómez");
        confirm.Str("reply").Should().Be("Perfecto: Botox con Dra. Ríos mañana martes 4 de marzo a las 15:00, a nombre de Ana Gómez. ¿Confirmo la reserva?");

        var yes = await clinic.SayAsync("todo", "sí");
        yes.Actions("booking_created").Single().Str("provider").Should().Be("Dra. Ríos");
        (await clinic.BookingsAsync()).Single().Str("start").Should().Be("2031-03-04T15:00:00-05:00");
    }

    [Fact]
    public async Task A_taken_time_is_answered_with_the_nearest_free_ones_and_a_time_lost_before_the_yes_too()
    {
        var clinic = await BogotaClinicAsync();
        await clinic.BookForSomeoneElseAsync("Botox", "Dra. Ríos", "2031-03-04T15:00");

        var taken = await clinic.SayAsync("c1", "Quiero agendar botox mañana a las 3 de la tarde con la Dra. Ríos, me llamo Ana Gómez");
        taken.Str("reply").Should().Contain("no tengo libre").And.Contain("14:30").And.Contain("15:30");
        taken.Actions("booking_created").Should().BeEmpty();

        var other = await clinic.SayAsync("c1", "a las 4");
        other.Str("reply").Should().Contain("16:00").And.Contain("¿Confirmo");
        // Someone else takes 16:00 while the customer reads the summary.
        await clinic.BookForSomeoneElseAsync("Botox", "Dra. Ríos", "2031-03-04T16:00");

        var lost = await clinic.SayAsync("c1", "sí");
        lost.Actions("booking_created").Should().BeEmpty();
        lost.Str("reply").Should().Contain("se acaba de ocupar").And.Contain("15:30").And.Contain("16:30");

        var retry = await clinic.SayAsync("c1", "a las 16:30");
        retry.Str("reply").Should().Contain("16:30").And.Contain("¿Confirmo");
        var booked = await clinic.SayAsync("c1", "sí");
        booked.Actions("booking_created").Single().Str("start").Should().Be("2031-03-04T16:30:00-05:00");
        (await clinic.BookingsAsync()).Should().HaveCount(3);
    }

    [Fact]
    public async Task Saying_no_at_the_confirmation_ends_the_dialog_without_booking()
    {
        var clinic = await BogotaClinicAsync();
        await clinic.SayAsync("dudoso", "Quiero agendar botox mañana a las 10 con el Dr. Luis, me llamo Pedro");

        var no = await clinic.SayAsync("dudoso", "no");
        no.Str("reply").Should().Contain("no reservé nada");
        var later = await clinic.SayAsync("dudoso", "sí");
        later.Str("agent").Should().Be("router", "no dialog is waiting any more");
        (await clinic.BookingsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_contact_cancels_their_own_booking_and_never_sees_anyone_else_s()
    {
        var clinic = await BogotaClinicAsync();
        await clinic.BookForSomeoneElseAsync("Botox", "Dr. Luis", "2031-03-05T11:00");
        await clinic.SayAsync("mia", "Quiero agendar botox mañana a las 10 con el Dr. Luis, me llamo Marta");
        var mine = (await clinic.SayAsync("mia", "sí")).Actions("booking_created").Single().Str("booking_id");
        // Another chat contact's booking is not "mine" either.
        await clinic.SayAsync("otra", "Quiero agendar botox mañana a las 12 con el Dr. Luis, me llamo Olga");
        var hers = (await clinic.SayAsync("otra", "sí")).Actions("booking_created").Single().Str("booking_id");

        var ask = await clinic.SayAsync("mia", "quiero cancelar mi cita");
        ask.Str("agent").Should().Be("schedule");
        ask.Str("intent").Should().Be("cancel");
        ask.Str("reply").Should().Contain("¿Cancelo tu cita de Botox con Dr. Luis mañana martes 4 de marzo a las 10:00?");
        ask.Str("reply").Should().NotContain("11:00").And.NotContain("12:00");

        var yes = await clinic.SayAsync("mia", "sí");
        var cancelled = yes.Actions("booking_cancelled").Single();
        cancelled.Str("booking_id").Should().Be(mine);
        cancelled.Str("start").Should().Be("2031-03-04T10:00:00-05:00");
        (await clinic.Client.GetJsonAsync($"/api/bookings/{mine}")).Str("status").Should().Be("cancelled");
        (await clinic.Client.GetJsonAsync($"/api/bookings/{hers}")).Str("status").Should().Be("confirmed");

        var none = await clinic.SayAsync("mia", "quiero cancelar mi cita");
        none.Str("reply").Should().Contain("No encuentro citas");
        none.Actions("booking_cancelled").Should().BeEmpty();
    }

    [Fact]
    public async Task With_several_bookings_the_contact_picks_which_to_cancel_by_number()
    {
        var clinic = await BogotaClinicAsync();
        await clinic.SayAsync("varias", "Quiero agendar botox mañana a las 10 con el Dr. Luis, me llamo Marta");
        var first = (await clinic.SayAsync("varias", "sí")).Actions("booking_created").Single().Str("booking_id");
        await clinic.SayAsync("varias", "Quiero agendar botox el jueves a las 11 con el Dr. Luis");
        var second = (await clinic.SayAsync("varias", "sí")).Actions("booking_created").Single().Str("booking_id");

        var list = await clinic.SayAsync("varias", "necesito cancelar una cita");
        list.Str("reply").Should().Contain("1. Botox con Dr. Luis, mañana martes 4 de marzo a las 10:00")
            .And.Contain("2. Botox con Dr. Luis, el jueves 6 de marzo a las 11:00").And.Contain("¿Cuál quieres cancelar?");

        var pick = await clinic.SayAsync("varias", "la 2");
        pick.Str("reply").Should().Contain("¿Cancelo tu cita de Botox con Dr. Luis el jueves 6 de marzo a las 11:00?");
        var yes = await clinic.SayAsync("varias", "sí");
        yes.Actions("booking_cancelled").Single().Str("booking_id").Should().Be(second);
        (await clinic.Client.GetJsonAsync($"/api/bookings/{first}")).Str("status").Should().Be("confirmed");
        (await clinic.Client.GetJsonAsync($"/api/bookings/{second}")).Str("status").Should().Be("cancelled");
    }

    [Fact]
    public async Task A_booking_inside_the_cancellation_window_is_not_cancelled_and_the_customer_is_told_why()
    {
        var clinic = await BogotaClinicAsync(new { cancellation_minutes = 24 * 60 });
        await clinic.SayAsync("tarde", "Quiero agendar botox mañana a las 9 con el Dr. Luis, me llamo Rosa");
        var id = (await clinic.SayAsync("tarde", "sí")).Actions("booking_created").Single().Str("booking_id");

        var refused = await clinic.SayAsync("tarde", "quiero cancelar mi cita");
        refused.Str("reply").Should().Contain("hasta 24 horas antes").And.Contain("persona del equipo");
        refused.Actions("booking_cancelled").Should().BeEmpty();
        (await clinic.Client.GetJsonAsync($"/api/bookings/{id}")).Str("status").Should().Be("confirmed");
        (await clinic.SayAsync("tarde", "sí")).Actions("booking_cancelled").Should().BeEmpty("the dialog ended with the refusal");
    }

    [Fact]
    public async Task A_contact_moves_their_booking_to_another_day_and_time()
    {
        var clinic = await BogotaClinicAsync();
        await clinic.SayAsync("mover", "Quiero agendar botox mañana a las 3 de la tarde con la Dra. Ríos, me llamo Ana");
        var id = (await clinic.SayAsync("mover", "sí")).Actions("booking_created").Single().Str("booking_id");

        var ask = await clinic.SayAsync("mover", "quiero cambiar mi cita para el jueves a las 11");
        ask.Str("intent").Should().Be("reschedule");
        ask.Str("reply").Should().Contain("¿Cambio tu cita de Botox con Dra. Ríos").And.Contain("el jueves 6 de marzo a las 11:00");

        var yes = await clinic.SayAsync("mover", "sí");
        var moved = yes.Actions("booking_rescheduled").Single();
        moved.Str("booking_id").Should().Be(id);
        moved.Str("start").Should().Be("2031-03-06T11:00:00-05:00");
        var booking = await clinic.Client.GetJsonAsync($"/api/bookings/{id}");
        booking.Str("start").Should().Be("2031-03-06T11:00:00-05:00");
        booking.Str("status").Should().Be("confirmed");
    }

    [Fact]
    public async Task Another_tenant_s_services_and_bookings_never_appear()
    {
        var mine = await BogotaClinicAsync();
        var other = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
            [("Masaje relajante", 60), ("Depilación", 30)], [("Sra. Pérez", ["Masaje relajante", "Depilación"])]);
        await mine.SayAsync("mismo-id", "Quiero agendar botox mañana a las 10 con el Dr. Luis, me llamo Marta");
        (await mine.SayAsync("mismo-id", "sí")).Actions("booking_created").Should().ContainSingle();

        var services = await other.SayAsync("mismo-id", "quiero agendar una cita");
        services.Str("reply").Should().Contain("Masaje relajante").And.Contain("Depilación").And.NotContain("Botox");
        var cancel = await other.SayAsync("mismo-id", "quiero cancelar mi cita");
        cancel.Str("reply").Should().Contain("No encuentro citas", "the same client id in another tenant is another contact");
        var botox = await other.SayAsync("otro", "quiero agendar botox mañana a las 10");
        botox.Str("reply").Should().NotContain("Botox").And.Contain("Masaje relajante");
        (await other.BookingsAsync()).Should().BeEmpty();
        (await mine.BookingsAsync()).Should().ContainSingle();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScheduleAgentTestsOnSqlite(SqliteFactory app) : ScheduleAgentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScheduleAgentTestsOnPostgres(PostgresFactory app) : ScheduleAgentTests(app);
