using Conversa.Core.Booking;
using Conversa.Core.Contacts;
using Conversa.Core.Language;
using Conversa.Core.Time;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Engine.Scheduling;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// Books, cancels and moves the customer's appointments in a dialog over several turns, keeping what it has in
/// <c>turn.Context.Slots</c> (<see cref="ScheduleState"/>) with the schedule dialog pending. Booking fills service →
/// day → time → provider (asked only when several are free then; "cualquiera" lets the desk choose) → the customer's
/// name when the contact has none → yes/no, taking every slot a message gives at once ("quiero agendar botox mañana a
/// las 3 de la tarde con la Dra. Ríos" goes straight to the confirmation). A time that is not free, or that was taken
/// before the yes, is answered with the nearest free ones. Cancelling and moving only ever see the contact's own
/// upcoming bookings (<see cref="ContactBookings"/>); a cancellation inside the tenant's window is refused politely.
/// Dates, times and "mañana" are the tenant's local ones, placed in its zone by NodaTime (daylight saving included).
/// </summary>
public sealed class ScheduleAgent(AppDbContext db, TenantReadCache cache, BookingDesk desk, AvailabilityFinder finder) : IAgent
{
    private const string ServiceStep = "service";
    private const string DayStep = "day";
    /// <summary>A day's times were listed: a bare "10" is an hour.</summary>
    public const string TimeStep = "time";
    private const string ProviderStep = "provider";
    private const string NameStep = "name";
    private const string ChooseStep = "choose";
    private const string ConfirmStep = "confirm";
    /// <summary>The availability agent offered one free time ("¿te lo reservo?"): a yes confirms it.</summary>
    public const string OfferStep = "offer";

    private const int Proposals = 3;

    private static readonly Localized Dropped = new(
        "De acuerdo, no reservé nada. ¿Te ayudo con algo más?",
        "Tudo bem, não agendei nada. Posso ajudar em algo mais?",
        "All right, I haven't booked anything. Is there anything else I can help with?");

    private static readonly Localized Kept = new(
        "De acuerdo, tu cita sigue en pie. ¿Te ayudo con algo más?",
        "Tudo bem, seu horário continua marcado. Posso ajudar em algo mais?",
        "All right, your appointment stays as it is. Anything else I can help with?");

    public string Name => AgentNames.Schedule;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.Booking, Core.Language.Intents.Cancel, Core.Language.Intents.Reschedule];

    public async Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var fresh = context.PendingDialog != Name || context.Slots.Count == 0;
        if (fresh)
        {
            context.Slots.Clear();
        }
        var state = new ScheduleState(context.Slots);
        if (fresh)
        {
            state.Mode = ModeOf(turn.Intent) ?? ScheduleState.Book;
        }
        else if (turn.Prediction.Score >= ChatRouter.InterruptScore && ModeOf(turn.Prediction.Intent) is { } asked && asked != state.Mode)
        {
            var aboutAnAppointment = DialogReading.MentionsBooking(turn.Tokens);
            if (asked == ScheduleState.Cancel && state.Mode == ScheduleState.Book && !aboutAnAppointment)
            {
                return End(turn, turn.Say(Dropped)); // "no, cancela": this dialog, not an appointment
            }
            if (asked == ScheduleState.Book || aboutAnAppointment)
            {
                state.Clear();
                state.Mode = asked;
            }
        }
        context.PendingDialog = Name;
        return state.Mode switch
        {
            ScheduleState.Cancel => await CancelAsync(turn, state, cancellationToken),
            ScheduleState.Reschedule => await RescheduleAsync(turn, state, cancellationToken),
            _ => await BookAsync(turn, state, cancellationToken),
        };
    }

    private static string? ModeOf(string? intent) => intent switch
    {
        Core.Language.Intents.Booking => ScheduleState.Book,
        Core.Language.Intents.Cancel => ScheduleState.Cancel,
        Core.Language.Intents.Reschedule => ScheduleState.Reschedule,
        _ => null,
    };

    private async Task<AgentReply> BookAsync(AgentTurn turn, ScheduleState state, CancellationToken cancellationToken)
    {
        var catalog = await ScheduleCatalog.LoadAsync(db, cache, cancellationToken);
        if (catalog.Services.Count == 0)
        {
            return End(turn, turn.Say(new Localized(
                "Por ahora no hay servicios disponibles para reservar por aquí. ¿Quieres que te comunique con una persona del equipo?",
                "No momento não há serviços disponíveis para agendar por aqui. Quer falar com uma pessoa da equipe?",
                "There are no services to book here right now. Would you like me to connect you with someone from the team?")), noMatch: true);
        }
        var answer = ConfirmationDetector.Detect(turn.Text, turn.Tokens);
        var changed = Fill(turn, state, catalog, TemporalResolver.FindAll(turn.Text, Temporal(turn, state)));
        if (answer == ConfirmationAnswer.No && !changed)
        {
            return End(turn, turn.Say(Dropped));
        }

        var service = catalog.Service(state.ServiceId) ?? (catalog.Services.Count == 1 ? catalog.Services[0] : null);
        if (service is null)
        {
            var names = SlotWords.List(catalog.Services.Select(s => s.Name).ToList(), turn.Language);
            return Ask(turn, state, ServiceStep, turn.Say(new Localized(
                $"¡Claro! ¿Para qué servicio? Tenemos: {names}.",
                $"Claro! Para qual serviço? Temos: {names}.",
                $"Sure! Which service would you like? We offer: {names}.")));
        }
        state.ServiceId = service.Id;
        state.ServiceName = service.Name;
        if (catalog.Provider(state.ProviderId) is { } named && !named.ServiceIds.Contains(service.Id))
        {
            state.ProviderId = null;
            state.ProviderName = null;
        }

        var calendar = new SlotCalendar(finder, turn.Zone);
        var confirming = answer == ConfirmationAnswer.Yes && !changed && state.Step is (ConfirmStep or OfferStep);
        var when = await WhenAsync(turn, state, service, state.ProviderId, confirming, calendar, cancellationToken);
        if (when.Ask is { } ask)
        {
            return ask;
        }

        var providerId = state.ProviderId;
        if (providerId is null)
        {
            var free = when.Free.GroupBy(s => s.ProviderId).Select(g => g.First()).ToList();
            if (free.Count == 1)
            {
                providerId = free[0].ProviderId; // nobody else is free then: nothing to ask
            }
            else if (!state.AnyProvider)
            {
                var names = SlotWords.List(free.Select(s => s.ProviderName).ToList(), turn.Language, or: true);
                return Ask(turn, state, ProviderStep, turn.Say(new Localized(
                    $"¿Con quién prefieres? A esa hora pueden {names}, o te agendo con cualquiera.",
                    $"Com quem você prefere? Nesse horário podem {names}, ou agendo com qualquer um.",
                    $"Who would you like to see? {names} can see you then, or I can book anyone.")));
            }
        }

        var name = state.Name ?? DialogReading.KnownName(turn.Contact);
        if (name is null)
        {
            return Ask(turn, state, NameStep, turn.Say(new Localized(
                "¿A nombre de quién hago la reserva?",
                "Em nome de quem faço o agendamento?",
                "What name should I put the booking under?")));
        }

        var providerName = catalog.Provider(providerId)?.Name;
        var at = At(turn, when.Start);
        if (!confirming)
        {
            var with = providerName is null ? "" : turn.Say(new Localized($" con {providerName}", $" com {providerName}", $" with {providerName}"));
            return Ask(turn, state, ConfirmStep, turn.Say(new Localized(
                $"Perfecto: {service.Name}{with} {at}, a nombre de {name}. ¿Confirmo la reserva?",
                $"Perfeito: {service.Name}{with} {at}, em nome de {name}. Posso confirmar o agendamento?",
                $"Great: {service.Name}{with} {at}, under the name {name}. Shall I confirm the booking?")));
        }

        var contact = turn.Contact;
        var outcome = await desk.CreateAsync(new NewBooking(
            service.Id, providerId, ZonedTime.Format(when.Start, turn.Zone), new CustomerInput(name, contact.Phone, contact.Email), null, contact.Id), cancellationToken);
        if (outcome.Booking is not { } booking)
        {
            return await LostAsync(turn, state, service, state.ProviderId, when.Start, outcome.Failure, calendar, cancellationToken);
        }
        var bookedWith = catalog.Provider(booking.ProviderId)?.Name ?? providerName ?? "";
        var start = Instant.FromDateTimeUtc(booking.StartAt);
        return End(turn, turn.Say(new Localized(
            $"¡Listo! Tu cita de {service.Name} con {bookedWith} quedó reservada para {at}. Te esperamos.",
            $"Pronto! Seu horário de {service.Name} com {bookedWith} está agendado: {at}. Te esperamos.",
            $"Done! Your {service.Name} with {bookedWith} is booked for {at}. See you then.")),
            action: AgentAction.Of("booking_created",
                ("booking_id", booking.Id.ToString()), ("start", ZonedTime.Format(start, turn.Zone)), ("service", service.Name), ("provider", bookedWith)));
    }

    private async Task<AgentReply> CancelAsync(AgentTurn turn, ScheduleState state, CancellationToken cancellationToken)
    {
        var bookings = await ContactBookings.UpcomingAsync(db, turn.Contact.Id, turn.Now, cancellationToken);
        var answer = ConfirmationDetector.Detect(turn.Text, turn.Tokens);
        var chosen = bookings.FirstOrDefault(b => b.Id == state.BookingId);
        if (chosen is null)
        {
            if (bookings.Count == 0)
            {
                return End(turn, NoBookings(turn));
            }
            var (picked, _) = Pick(turn, state, bookings);
            if (picked is null)
            {
                if (answer == ConfirmationAnswer.No)
                {
                    return End(turn, turn.Say(Kept));
                }
                return Choose(turn, state, bookings, turn.Say(new Localized("¿Cuál quieres cancelar?", "Qual você quer cancelar?", "Which one would you like to cancel?")));
            }
            chosen = picked;
            state.BookingId = chosen.Id;
            var policy = (await BookingTenant.CachedAsync(db, cache, cancellationToken)).Policy;
            if (policy.InsideCancellationWindow(chosen.Start, turn.Now))
            {
                return End(turn, TooLate(turn, chosen, policy.CancellationMinutes));
            }
            return Ask(turn, state, ConfirmStep, turn.Say(new Localized(
                $"¿Cancelo tu cita de {chosen.Service} con {chosen.Provider} {At(turn, chosen.Start)}?",
                $"Cancelo seu horário de {chosen.Service} com {chosen.Provider} {At(turn, chosen.Start)}?",
                $"Shall I cancel your {chosen.Service} with {chosen.Provider} {At(turn, chosen.Start)}?")));
        }
        if (answer == ConfirmationAnswer.No)
        {
            return End(turn, turn.Say(Kept));
        }
        if (answer != ConfirmationAnswer.Yes)
        {
            return Ask(turn, state, ConfirmStep, turn.Say(new Localized(
                $"¿Confirmas que cancelo tu cita de {chosen.Service} {At(turn, chosen.Start)}? Responde sí o no.",
                $"Confirma que cancelo seu horário de {chosen.Service} {At(turn, chosen.Start)}? Responda sim ou não.",
                $"Do you want me to cancel your {chosen.Service} {At(turn, chosen.Start)}? Please answer yes or no.")));
        }
        var outcome = await desk.CancelAsync(chosen.Id, force: false, mayForce: false, cancellationToken);
        if (outcome.Failure is { Kind: BookingFailureKind.Refused })
        {
            var policy = (await BookingTenant.CachedAsync(db, cache, cancellationToken)).Policy;
            return End(turn, TooLate(turn, chosen, policy.CancellationMinutes));
        }
        if (outcome.Failure is not null)
        {
            return End(turn, turn.Say(new Localized(
                "No pude cancelar la cita: cambió mientras hablábamos. ¿Quieres que lo revisemos de nuevo?",
                "Não consegui cancelar: o horário mudou enquanto conversávamos. Quer tentar de novo?",
                "I couldn't cancel it: the booking changed while we were talking. Shall we try again?")));
        }
        return End(turn, turn.Say(new Localized(
                $"Listo, cancelé tu cita de {chosen.Service} {At(turn, chosen.Start)}. Si quieres, te ayudo a agendar otra fecha.",
                $"Pronto, cancelei seu horário de {chosen.Service} {At(turn, chosen.Start)}. Se quiser, te ajudo a marcar outra data.",
                $"Done, I cancelled your {chosen.Service} {At(turn, chosen.Start)}. I can help you book another date if you like.")),
            action: AgentAction.Of("booking_cancelled",
                ("booking_id", chosen.Id.ToString()), ("start", chosen.StartText(turn.Zone)), ("service", chosen.Service), ("provider", chosen.Provider)));
    }

    private async Task<AgentReply> RescheduleAsync(AgentTurn turn, ScheduleState state, CancellationToken cancellationToken)
    {
        var bookings = await ContactBookings.UpcomingAsync(db, turn.Contact.Id, turn.Now, cancellationToken);
        var answer = ConfirmationDetector.Detect(turn.Text, turn.Tokens);
        var expressions = TemporalResolver.FindAll(turn.Text, Temporal(turn, state)).ToList();
        var chosen = bookings.FirstOrDefault(b => b.Id == state.BookingId);
        if (chosen is null)
        {
            if (bookings.Count == 0)
            {
                return End(turn, NoBookings(turn));
            }
            var (picked, byDate) = Pick(turn, state, bookings);
            if (picked is null)
            {
                return Choose(turn, state, bookings, turn.Say(new Localized("¿Cuál quieres cambiar?", "Qual você quer remarcar?", "Which one would you like to move?")));
            }
            chosen = picked;
            state.BookingId = chosen.Id;
            state.ServiceId = chosen.ServiceId;
            state.ServiceName = chosen.Service;
            state.ProviderId = chosen.ProviderId;
            state.ProviderName = chosen.Provider;
            if (byDate is { } used)
            {
                expressions.RemoveAt(used); // "mi cita del jueves" named the booking, not the new day
            }
            else if (state.Step == ChooseStep)
            {
                expressions.Clear(); // "la 2" picked from the list: not 14:00
            }
        }
        var changed = DialogReading.ApplyTemporal(state, expressions);
        if (answer == ConfirmationAnswer.No && !changed)
        {
            return End(turn, turn.Say(Kept));
        }

        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == chosen.ServiceId, cancellationToken);
        if (service is null)
        {
            return End(turn, NoBookings(turn));
        }
        var calendar = new SlotCalendar(finder, turn.Zone);
        var confirming = answer == ConfirmationAnswer.Yes && !changed && state.Step == ConfirmStep;
        var when = await WhenAsync(turn, state, service, chosen.ProviderId, confirming, calendar, cancellationToken);
        if (when.Ask is { } ask)
        {
            return ask;
        }
        var at = At(turn, when.Start);
        if (!confirming)
        {
            return Ask(turn, state, ConfirmStep, turn.Say(new Localized(
                $"¿Cambio tu cita de {chosen.Service} con {chosen.Provider} ({At(turn, chosen.Start)}) para {at}?",
                $"Remarco seu horário de {chosen.Service} com {chosen.Provider} ({At(turn, chosen.Start)}) para {at}?",
                $"Shall I move your {chosen.Service} with {chosen.Provider} ({At(turn, chosen.Start)}) to {at}?")));
        }
        var outcome = await desk.RescheduleAsync(chosen.Id, ZonedTime.Format(when.Start, turn.Zone), cancellationToken);
        if (outcome.Booking is not { } moved)
        {
            return await LostAsync(turn, state, service, chosen.ProviderId, when.Start, outcome.Failure, calendar, cancellationToken);
        }
        return End(turn, turn.Say(new Localized(
                $"¡Listo! Tu cita de {chosen.Service} con {chosen.Provider} quedó para {at}.",
                $"Pronto! Seu horário de {chosen.Service} com {chosen.Provider} ficou para {at}.",
                $"Done! Your {chosen.Service} with {chosen.Provider} is now {at}.")),
            action: AgentAction.Of("booking_rescheduled",
                ("booking_id", moved.Id.ToString()), ("start", ZonedTime.Format(Instant.FromDateTimeUtc(moved.StartAt), turn.Zone)),
                ("previous_start", chosen.StartText(turn.Zone)), ("service", chosen.Service), ("provider", chosen.Provider)));
    }

    /// <summary>What the booking dialog needs from the message: name, service, provider, "any", dates and times.</summary>
    private static bool Fill(AgentTurn turn, ScheduleState state, ScheduleCatalog catalog, IReadOnlyList<TemporalExpression> expressions)
    {
        var tokens = turn.Tokens;
        var skip = TemporalResolver.TemporalTokens(tokens);
        var changed = false;
        if (NameExtractor.Extract(turn.Text, tokens) is { } person)
        {
            state.Name = person.Name;
            changed = true;
            for (var i = 0; i < tokens.Count; i++)
            {
                skip[i] |= tokens[i].Start >= person.Span.Start && tokens[i].End <= person.Span.End;
            }
        }
        else if (state.Step == NameStep && DialogReading.BareName(turn) is { } bare)
        {
            state.Name = bare;
            return true;
        }
        var words = NameMatcher.Words(tokens, skip);
        if (NameMatcher.Best(catalog.Services, s => s.Name, words) is { } service && service.Id != state.ServiceId)
        {
            state.ServiceId = service.Id;
            state.ServiceName = service.Name;
            changed = true;
        }
        var providers = state.ServiceId is { } serviceId ? catalog.ProvidersOf(serviceId) : catalog.Providers;
        if (NameMatcher.Best(providers, p => p.Name, words) is { } provider)
        {
            if (provider.Id != state.ProviderId)
            {
                state.ProviderId = provider.Id;
                state.ProviderName = provider.Name;
                state.AnyProvider = false;
                changed = true;
            }
        }
        else if (DialogReading.SaysAnyProvider(tokens) && !state.AnyProvider)
        {
            state.AnyProvider = true;
            state.ProviderId = null;
            state.ProviderName = null;
            changed = true;
        }
        return DialogReading.ApplyTemporal(state, expressions) || changed;
    }

    private sealed record When(AgentReply? Ask, Instant Start, IReadOnlyList<AvailableSlot> Free);

    /// <summary>
    /// The start the slots name if it is free (with the slots free then, one per provider), or the question to ask:
    /// which day (offering the next free ones), which time (listing the day's), or — for a time that is not free —
    /// the nearest free times.
    /// </summary>
    private static async Task<When> WhenAsync(
        AgentTurn turn, ScheduleState state, Service service, Guid? providerId, bool confirming, SlotCalendar calendar, CancellationToken cancellationToken)
    {
        var zone = turn.Zone;
        var today = turn.Temporal.Today;
        var with = WithProvider(turn, state, providerId);
        if (state.Day is { } past && past < today)
        {
            state.Day = null;
        }
        var offered = state.OfferedDays;
        if (state.Day is null && state.Time is { } wanted && offered.Count > 0)
        {
            // "a las 10" after a list of days: the first listed day where 10:00 is free.
            var listed = await calendar.FreeDaysAsync(service.Id, providerId, offered[0], offered[^1], int.MaxValue, state.Part, cancellationToken);
            state.Day = listed.FirstOrDefault(d => d.Times(zone).Contains(wanted))?.Day ?? offered[0];
        }
        if (state.Day is not { } chosenDay)
        {
            var first = offered.Count > 0 && offered[0] >= today ? offered[0] : today;
            var last = offered.Count > 0 && offered[^1] >= first ? offered[^1] : first.PlusDays(SlotCalendar.HorizonDays);
            var days = await calendar.FreeDaysAsync(service.Id, providerId, first, last, Proposals, state.Part, cancellationToken);
            if (days.Count == 0)
            {
                return new When(End(turn, turn.Say(new Localized(
                    $"Lo siento, no tengo horarios libres para {service.Name}{with} en esas fechas. ¿Quieres que te comunique con una persona del equipo?",
                    $"Desculpe, não tenho horários livres para {service.Name}{with} nessas datas. Quer falar com uma pessoa da equipe?",
                    $"Sorry, I have no free times for {service.Name}{with} on those dates. Would you like me to connect you with someone from the team?"))), default, []);
            }
            state.OfferedDays = days.Select(d => d.Day).ToList();
            var lines = SlotWords.Lines(days, zone, today, turn.Language);
            return new When(Ask(turn, state, DayStep, turn.Say(new Localized(
                $"Para {service.Name}{with} tengo libre:\n{lines}\n¿Qué día y hora te vienen bien?",
                $"Para {service.Name}{with} tenho livre:\n{lines}\nQual dia e horário ficam bons para você?",
                $"For {service.Name}{with} I have:\n{lines}\nWhich day and time suit you?"))), default, []);
        }
        if (state.Time is not { } time)
        {
            var day = await calendar.DayAsync(service.Id, providerId, chosenDay, cancellationToken);
            var slots = day.Slots.Where(s => state.Part is not { } part || DayParts.Contains(part, s.Start.InZone(zone).TimeOfDay)).ToList();
            var dayText = SlotWords.Day(chosenDay, today, turn.Language);
            if (slots.Count == 0)
            {
                var next = await calendar.FreeDaysAsync(
                    service.Id, providerId, chosenDay.PlusDays(1), chosenDay.PlusDays(SlotCalendar.HorizonDays), Proposals, state.Part, cancellationToken);
                state.Day = null;
                state.OfferedDays = next.Select(d => d.Day).ToList();
                var none = turn.Say(new Localized(
                    $"{SlotWords.Capitalized(dayText)} no tengo horarios libres para {service.Name}{with}.",
                    $"{SlotWords.Capitalized(dayText)} não tenho horários livres para {service.Name}{with}.",
                    $"{SlotWords.Capitalized(dayText)} I have no free times for {service.Name}{with}."));
                if (next.Count == 0)
                {
                    return new When(End(turn, none), default, []);
                }
                var lines = SlotWords.Lines(next, zone, today, turn.Language);
                return new When(Ask(turn, state, DayStep, none + turn.Say(new Localized(
                    $" Lo más próximo:\n{lines}\n¿Cuál te sirve?",
                    $" O mais próximo:\n{lines}\nQual fica bom para você?",
                    $" The nearest:\n{lines}\nWhich one works for you?"))), default, []);
            }
            state.OfferedDays = [chosenDay];
            var line = SlotWords.Lines([new DaySlots(chosenDay, slots)], zone, today, turn.Language);
            return new When(Ask(turn, state, TimeStep, turn.Say(new Localized(
                $"Para {service.Name}{with} tengo libre:\n{line}\n¿A qué hora te viene bien?",
                $"Para {service.Name}{with} tenho livre:\n{line}\nQue horário fica bom para você?",
                $"For {service.Name}{with} I have:\n{line}\nWhat time suits you?"))), default, []);
        }

        var start = TemporalResolver.At(chosenDay, time, zone).ToInstant();
        var free = (await calendar.DayAsync(service.Id, providerId, chosenDay, cancellationToken)).Slots.Where(s => s.Start == start).ToList();
        if (free.Count > 0)
        {
            return new When(null, start, free);
        }
        if (confirming)
        {
            // Free when it was offered, taken before the yes.
            return new When(await LostAsync(turn, state, service, providerId, start, new BookingFailure(BookingFailureKind.Conflict, ""), calendar, cancellationToken), default, []);
        }
        var notFree = turn.Say(new Localized(
            $"{SlotWords.Capitalized(At(turn, start))} no tengo libre para {service.Name}{with}.",
            $"{SlotWords.Capitalized(At(turn, start))} não tenho livre para {service.Name}{with}.",
            $"{SlotWords.Capitalized(At(turn, start))} isn't free for {service.Name}{with}."));
        return new When(await ProposeAsync(turn, state, notFree, service, providerId, start, calendar, cancellationToken), default, []);
    }

    /// <summary>The time was lost at the last moment (taken meanwhile, or no longer bookable): say so and offer the nearest.</summary>
    private static async Task<AgentReply> LostAsync(
        AgentTurn turn, ScheduleState state, Service service, Guid? providerId, Instant start, BookingFailure? failure, SlotCalendar calendar,
        CancellationToken cancellationToken)
    {
        var at = At(turn, start);
        var lead = failure?.Kind == BookingFailureKind.Conflict
            ? turn.Say(new Localized($"Lo siento, {at} se acaba de ocupar.", $"Desculpe, {at} acabou de ser ocupado.", $"Sorry, {at} was just taken."))
            : turn.Say(new Localized($"Lo siento, {at} ya no se puede reservar.", $"Desculpe, {at} não pode mais ser agendado.", $"Sorry, {at} can no longer be booked."));
        return await ProposeAsync(turn, state, lead, service, providerId, start, calendar, cancellationToken);
    }

    private static async Task<AgentReply> ProposeAsync(
        AgentTurn turn, ScheduleState state, string lead, Service service, Guid? providerId, Instant wanted, SlotCalendar calendar,
        CancellationToken cancellationToken)
    {
        var nearest = await calendar.NearestAsync(service.Id, providerId, wanted, Proposals, cancellationToken);
        state.Time = null;
        if (nearest.Count == 0)
        {
            state.Day = null;
            return Ask(turn, state, DayStep, lead + turn.Say(new Localized(
                " Tampoco veo horarios cercanos. ¿Quieres probar otro día?",
                " Também não vejo horários próximos. Quer tentar outro dia?",
                " I don't see anything close either. Would you like to try another day?")));
        }
        var day = nearest[0].Date;
        state.Day = day;
        state.OfferedDays = [day];
        var times = SlotWords.List(nearest.Select(n => SlotWords.Time(n.TimeOfDay, turn.Language)).ToList(), turn.Language, or: true);
        var dayText = SlotWords.Day(day, turn.Temporal.Today, turn.Language);
        return Ask(turn, state, TimeStep, lead + turn.Say(new Localized(
            $" Lo más cercano que tengo {(day == turn.Temporal.Today || day == turn.Temporal.Today.PlusDays(1) ? "" : "el ")}{dayText}: {times}. ¿Te sirve alguno?",
            $" O mais próximo que tenho, {dayText}: {times}. Algum desses serve?",
            $" The nearest I have, {dayText}: {times}. Does one of those work?")));
    }

    /// <summary>The booking a message picks from the contact's list: the only one, a number, or a date that fits one.</summary>
    private static (UpcomingBooking? Booking, int? ByExpression) Pick(AgentTurn turn, ScheduleState state, IReadOnlyList<UpcomingBooking> bookings)
    {
        if (bookings.Count == 1)
        {
            return (bookings[0], null);
        }
        var listed = state.Choices.Select(id => bookings.FirstOrDefault(b => b.Id == id)).OfType<UpcomingBooking>().ToList();
        if (state.Step == ChooseStep && listed.Count > 0 && DialogReading.PickNumber(turn, listed.Count) is { } number)
        {
            return (listed[number - 1], null);
        }
        var expressions = TemporalResolver.FindAll(turn.Text, turn.Temporal);
        for (var i = 0; i < expressions.Count; i++)
        {
            if (expressions[i].Date is not { } date)
            {
                continue;
            }
            var onDay = bookings.Where(b => b.StartIn(turn.Zone).Date == date &&
                (expressions[i].Time is not { } time || b.StartIn(turn.Zone).TimeOfDay == time)).ToList();
            if (onDay.Count == 1)
            {
                return (onDay[0], i);
            }
        }
        return (null, null);
    }

    private static AgentReply Choose(AgentTurn turn, ScheduleState state, IReadOnlyList<UpcomingBooking> bookings, string question)
    {
        state.Choices = bookings.Select(b => b.Id).ToList();
        var lines = string.Join("\n", bookings.Select((b, i) => turn.Say(new Localized(
            $"{i + 1}. {b.Service} con {b.Provider}, {At(turn, b.Start)}",
            $"{i + 1}. {b.Service} com {b.Provider}, {At(turn, b.Start)}",
            $"{i + 1}. {b.Service} with {b.Provider}, {At(turn, b.Start)}"))));
        return Ask(turn, state, ChooseStep, turn.Say(new Localized(
            $"Tienes estas citas:\n{lines}\n{question} Dime el número o la fecha.",
            $"Você tem estes horários:\n{lines}\n{question} Me diga o número ou a data.",
            $"You have these appointments:\n{lines}\n{question} Tell me the number or the date.")));
    }

    private static string TooLate(AgentTurn turn, UpcomingBooking booking, int minutes)
    {
        var window = minutes % 60 == 0
            ? turn.Say(new Localized($"{minutes / 60} horas", $"{minutes / 60} horas", $"{minutes / 60} hours"))
            : turn.Say(new Localized($"{minutes} minutos", $"{minutes} minutos", $"{minutes} minutes"));
        var at = At(turn, booking.Start);
        return turn.Say(new Localized(
            $"Lo siento, las citas se pueden cancelar hasta {window} antes y la tuya de {booking.Service} es {at}, así que ya no puedo cancelarla por aquí. " +
            "Si lo necesitas, te comunico con una persona del equipo.",
            $"Desculpe, os horários podem ser cancelados até {window} antes e o seu de {booking.Service} é {at}, então não consigo mais cancelar por aqui. " +
            "Se precisar, te passo para uma pessoa da equipe.",
            $"Sorry, appointments can be cancelled up to {window} before they start, and your {booking.Service} is {at}, so I can no longer cancel it here. " +
            "If you need to, I can connect you with someone from the team."));
    }

    private static string NoBookings(AgentTurn turn) => turn.Say(new Localized(
        "No encuentro citas próximas a tu nombre. ¿Quieres agendar una?",
        "Não encontro horários marcados no seu nome. Quer agendar um?",
        "I can't find any upcoming appointments for you. Would you like to book one?"));

    private static string WithProvider(AgentTurn turn, ScheduleState state, Guid? providerId) =>
        providerId is not null && state.ProviderName is { } name
            ? turn.Say(new Localized($" con {name}", $" com {name}", $" with {name}"))
            : "";

    /// <summary>"el martes 4 de marzo a las 15:00", in the tenant's zone.</summary>
    private static string At(AgentTurn turn, Instant start) => SlotWords.At(start.InZone(turn.Zone), turn.Temporal.Today, turn.Language);

    /// <summary>After "¿a qué hora?" a bare "3" is an hour.</summary>
    private static TemporalContext Temporal(AgentTurn turn, ScheduleState state) => turn.Temporal with { ExpectingTime = state.Step == TimeStep };

    private static AgentReply Ask(AgentTurn turn, ScheduleState state, string step, string text)
    {
        state.Step = step;
        turn.Context.PendingDialog = AgentNames.Schedule;
        return new AgentReply(text) { Intent = IntentOf(state) };
    }

    private static AgentReply End(AgentTurn turn, string text, AgentAction? action = null, bool noMatch = false)
    {
        var intent = IntentOf(new ScheduleState(turn.Context.Slots));
        turn.Context.Slots.Clear();
        turn.Context.PendingDialog = null;
        return new AgentReply(text) { Intent = intent, Actions = action is null ? [] : [action], NoMatch = noMatch };
    }

    private static string IntentOf(ScheduleState state) => state.Mode switch
    {
        ScheduleState.Cancel => Core.Language.Intents.Cancel,
        ScheduleState.Reschedule => Core.Language.Intents.Reschedule,
        _ => Core.Language.Intents.Booking,
    };
}
