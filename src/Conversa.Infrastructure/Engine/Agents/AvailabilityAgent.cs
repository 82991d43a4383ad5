using Conversa.Core.Language;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Engine.Scheduling;
using Conversa.Infrastructure.Persistence;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// "¿Tienen espacio mañana para botox?", "qual horário vocês têm na sexta?", "any openings next Monday?": finds the
/// service named (or the tenant's only one, else asks which), the day, range or part of the day asked (else the next
/// days with free slots), and lists free times per day in the tenant's local time and the customer's language. Then
/// it offers to book: the schedule dialog is left pending with the service and day already in the slots, so "sí, a
/// las 10" continues in <see cref="ScheduleAgent"/>.
/// </summary>
public sealed class AvailabilityAgent(AppDbContext db, TenantReadCache cache, AvailabilityFinder finder) : IAgent
{
    /// <summary>How many days with free slots one answer lists.</summary>
    public const int DaysListed = 3;

    public string Name => AgentNames.Availability;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.Availability];

    public async Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var catalog = await ScheduleCatalog.LoadAsync(db, cache, cancellationToken);
        var previous = new ScheduleState(context.Slots);
        // Answering "which service?" keeps the day asked before; a booking in progress keeps its service.
        var keep = context.PendingDialog == Name || (context.PendingDialog == AgentNames.Schedule && previous.Mode == ScheduleState.Book);
        var keptService = keep ? previous.ServiceId : null;
        if (!keep || context.PendingDialog == AgentNames.Schedule)
        {
            context.Slots.Clear();
        }
        var state = new ScheduleState(context.Slots);
        context.PendingDialog = null;
        if (catalog.Services.Count == 0)
        {
            return new AgentReply(turn.Say(new Localized(
                "Por ahora no hay servicios con horarios para reservar por aquí. ¿Quieres que te comunique con una persona del equipo?",
                "No momento não há serviços com horários para agendar por aqui. Quer falar com uma pessoa da equipe?",
                "There are no services with bookable times here right now. Would you like me to connect you with someone from the team?")))
            {
                Intent = Core.Language.Intents.Availability,
                NoMatch = true,
            };
        }

        var words = NameMatcher.Words(turn.Tokens, TemporalResolver.TemporalTokens(turn.Tokens));
        var service = NameMatcher.Best(catalog.Services, s => s.Name, words)
            ?? catalog.Service(keptService)
            ?? (catalog.Services.Count == 1 ? catalog.Services[0] : null);
        DialogReading.ApplyTemporal(state, TemporalResolver.FindAll(turn.Text, turn.Temporal));
        if (service is null)
        {
            state.Mode = ScheduleState.Availability;
            state.Step = "service";
            context.PendingDialog = Name;
            var names = SlotWords.List(catalog.Services.Select(s => s.Name).ToList(), turn.Language, or: true);
            return Reply(turn.Say(new Localized(
                $"¿Para qué servicio quieres ver horarios? {names}.",
                $"Para qual serviço você quer ver horários? {names}.",
                $"Which service would you like to see times for? {names}.")));
        }
        var provider = NameMatcher.Best(catalog.ProvidersOf(service.Id), p => p.Name, words);
        var with = provider is null ? "" : turn.Say(new Localized($" con {provider.Name}", $" com {provider.Name}", $" with {provider.Name}"));
        var calendar = new SlotCalendar(finder, turn.Zone);
        var zone = turn.Zone;
        var today = turn.Temporal.Today;
        var offer = turn.Profile.Enabled(AgentNames.Schedule);

        state.Mode = ScheduleState.Book;
        state.ServiceId = service.Id;
        state.ServiceName = service.Name;
        if (provider is not null)
        {
            state.ProviderId = provider.Id;
            state.ProviderName = provider.Name;
        }

        if (state.Day is { } asked && state.Time is { } time)
        {
            // "¿tienen algo mañana a las 3?": that time, or the nearest ones.
            var start = TemporalResolver.At(asked, time, zone).ToInstant();
            var day = await calendar.DayAsync(service.Id, provider?.Id, asked, cancellationToken);
            var at = SlotWords.At(start.InZone(zone), today, turn.Language);
            if (day.Slots.Any(s => s.Start == start))
            {
                return Offer(turn, state, ScheduleAgent.OfferStep, turn.Say(new Localized(
                    $"Sí, {at} está libre para {service.Name}{with}.",
                    $"Sim, {at} está livre para {service.Name}{with}.",
                    $"Yes, {at} is free for {service.Name}{with}.")), turn.Say(new Localized(
                    " ¿Te lo reservo?", " Quer que eu agende?", " Shall I book it for you?")), offer);
            }
            var nearest = await calendar.NearestAsync(service.Id, provider?.Id, start, DaysListed, cancellationToken);
            state.Time = null;
            var busy = turn.Say(new Localized(
                $"{SlotWords.Capitalized(at)} no está libre para {service.Name}{with}.",
                $"{SlotWords.Capitalized(at)} não está livre para {service.Name}{with}.",
                $"{SlotWords.Capitalized(at)} isn't free for {service.Name}{with}."));
            if (nearest.Count == 0)
            {
                return Reply(busy);
            }
            state.Day = nearest[0].Date;
            state.OfferedDays = [nearest[0].Date];
            var times = SlotWords.List(nearest.Select(n => SlotWords.Time(n.TimeOfDay, turn.Language)).ToList(), turn.Language, or: true);
            var dayText = SlotWords.Day(nearest[0].Date, today, turn.Language);
            return Offer(turn, state, ScheduleAgent.TimeStep, busy + turn.Say(new Localized(
                $" Lo más cercano, {dayText}: {times}.",
                $" O mais próximo, {dayText}: {times}.",
                $" The nearest, {dayText}: {times}.")), turn.Say(new Localized(
                " ¿Te reservo alguno?", " Quer que eu agende algum?", " Shall I book one of them?")), offer);
        }

        var explicitWindow = state.Day is not null || state.OfferedDays.Count > 0;
        var (first, last) = state.Day is { } single ? (single, single)
            : state.OfferedDays is { Count: > 0 } range ? (range[0], range[^1])
            : (today, today.PlusDays(SlotCalendar.HorizonDays));
        if (first < today)
        {
            first = today;
        }
        IReadOnlyList<DaySlots> days = last < first ? [] : await calendar.FreeDaysAsync(service.Id, provider?.Id, first, last, DaysListed, state.Part, cancellationToken);
        var lead = turn.Say(new Localized($"Para {service.Name}{with} tengo libre:", $"Para {service.Name}{with} tenho livre:", $"For {service.Name}{with} I have:"));
        if (days.Count == 0 && explicitWindow)
        {
            var window = state.Day is { } d ? SlotWords.Day(d, today, turn.Language)
                : turn.Say(new Localized("en esas fechas", "nessas datas", "on those dates"));
            lead = turn.Say(new Localized(
                $"{SlotWords.Capitalized(window)} no tengo horarios libres para {service.Name}{with}. Lo más próximo:",
                $"{SlotWords.Capitalized(window)} não tenho horários livres para {service.Name}{with}. O mais próximo:",
                $"{SlotWords.Capitalized(window)} I have no free times for {service.Name}{with}. The nearest:"));
            var after = last < today ? today : last.PlusDays(1);
            days = await calendar.FreeDaysAsync(service.Id, provider?.Id, after, after.PlusDays(SlotCalendar.HorizonDays), DaysListed, state.Part, cancellationToken);
        }
        if (days.Count == 0)
        {
            state.Clear();
            return Reply(turn.Say(new Localized(
                $"Lo siento, no tengo horarios libres para {service.Name}{with} en los próximos días. ¿Quieres que te comunique con una persona del equipo?",
                $"Desculpe, não tenho horários livres para {service.Name}{with} nos próximos dias. Quer falar com uma pessoa da equipe?",
                $"Sorry, I have no free times for {service.Name}{with} in the coming days. Would you like me to connect you with someone from the team?")));
        }
        state.Day = days.Count == 1 ? days[0].Day : null;
        state.OfferedDays = days.Select(d => d.Day).ToList();
        return Offer(turn, state, ScheduleAgent.TimeStep, lead + "\n" + SlotWords.Lines(days, zone, today, turn.Language), "\n" + turn.Say(new Localized(
            "¿Quieres que te reserve alguno? Dime el día y la hora.",
            "Quer que eu agende algum? Me diga o dia e o horário.",
            "Would you like me to book one? Tell me the day and time.")), offer);
    }

    /// <summary>The answer, with the offer to book and the schedule dialog pending when the tenant's schedule agent is on.</summary>
    private static AgentReply Offer(AgentTurn turn, ScheduleState state, string step, string text, string offerText, bool offer)
    {
        if (!offer)
        {
            state.Clear();
            return Reply(text);
        }
        state.Step = step;
        turn.Context.PendingDialog = AgentNames.Schedule;
        return Reply(text + offerText);
    }

    private static AgentReply Reply(string text) => new(text) { Intent = Core.Language.Intents.Availability };
}
