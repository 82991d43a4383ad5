using System.ComponentModel;
using Conversa.Core.Contacts;
using Conversa.Core.Language;
using Conversa.Core.Time;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.Extensions.AI;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>A free time as a tool returns it: ISO 8601 with the tenant's offset at that moment.</summary>
public sealed record ToolSlot(string Start, string End, string Provider);

public sealed record ToolSlots(string? Service, string TimeZone, IReadOnlyList<ToolSlot> Slots, string? Error = null);

public sealed record ToolBooking(string BookingId, string Service, string Provider, string Start);

public sealed record ToolBookingResult(bool Done, ToolBooking? Booking, string? Error, IReadOnlyList<string> Alternatives);

public sealed record ToolCancelResult(bool Cancelled, ToolBooking? Booking, string? Error, IReadOnlyList<ToolBooking> UpcomingBookings);

/// <summary>
/// The booking tools a chat model may call in availability and schedule turns: <c>list_slots</c>,
/// <c>create_booking</c> (for the turn's contact) and <c>cancel_booking</c> (only that contact's own upcoming
/// bookings). They return plain data — times as ISO 8601 with the tenant's offset — and record what they did in
/// <see cref="AgentTurn.Effects"/> (<c>booking_created</c>, <c>booking_cancelled</c>), the same actions the builtin
/// <see cref="Agents.ScheduleAgent"/> reports.
/// </summary>
public sealed class ScheduleTools(AppDbContext db, TenantReadCache cache, BookingDesk desk, AvailabilityFinder finder) : IAgentTools
{
    public const int MaxSlots = 40;
    public const int MaxDays = 14;

    public IReadOnlyCollection<string> Agents { get; } = [AgentNames.Availability, AgentNames.Schedule];

    public IEnumerable<AIFunction> Create(AgentTurn turn) =>
    [
        AIFunctionFactory.Create(
            ([Description("The service as the customer named it, e.g. \"botox\".")] string service,
             [Description("First day to search, an ISO date such as 2026-12-03 in the business's time zone; today when omitted.")] string? from = null,
             [Description("Last day to search (included), an ISO date; a week after the first when omitted.")] string? to = null,
             [Description("The provider's name, only when the customer asked for one.")] string? provider = null,
             CancellationToken cancellationToken = default) => ListSlotsAsync(turn, service, from, to, provider, cancellationToken),
            "list_slots",
            "Lists free appointment times for a service, in the business's local time (ISO 8601 with offset), with the provider of each."),
        AIFunctionFactory.Create(
            ([Description("The service as the customer named it.")] string service,
             [Description("The start, ISO 8601: with an offset, or a local time such as 2026-12-03T10:00 read in the business's time zone.")] string start,
             [Description("The provider's name, only when the customer asked for one.")] string? provider = null,
             [Description("The customer's name, when they gave it in this conversation.")] string? customerName = null,
             CancellationToken cancellationToken = default) => CreateBookingAsync(turn, service, start, provider, customerName, cancellationToken),
            "create_booking",
            "Books the service for the customer of this conversation, once they confirmed the time. A time that is taken returns the nearest free ones."),
        AIFunctionFactory.Create(
            ([Description("The id of the booking to cancel, from upcomingBookings; omit it to list the customer's upcoming bookings.")] string? bookingId = null,
             CancellationToken cancellationToken = default) => CancelBookingAsync(turn, bookingId, cancellationToken),
            "cancel_booking",
            "Cancels one of this customer's own upcoming bookings, once they confirmed which; refused inside the business's cancellation window."),
    ];

    private async Task<ToolSlots> ListSlotsAsync(AgentTurn turn, string service, string? from, string? to, string? provider, CancellationToken cancellationToken)
    {
        var zone = turn.Zone;
        var catalog = await ScheduleCatalog.LoadAsync(db, cache, cancellationToken);
        if (Service(catalog, service) is not { } found)
        {
            return new ToolSlots(null, zone.Id, [], UnknownService(catalog));
        }
        var today = turn.Temporal.Today;
        var first = Date(from) ?? today;
        var last = Date(to) ?? first.PlusDays(6);
        if (first < today)
        {
            first = today;
        }
        if (last > first.PlusDays(MaxDays - 1))
        {
            last = first.PlusDays(MaxDays - 1);
        }
        var providerId = Provider(catalog, found.Id, provider)?.Id;
        IReadOnlyList<DaySlots> days = last < first ? [] : await new SlotCalendar(finder, zone).FreeDaysAsync(found.Id, providerId, first, last, int.MaxValue, null, cancellationToken);
        var slots = days.SelectMany(d => d.Slots).Take(MaxSlots)
            .Select(s => new ToolSlot(ZonedTime.Format(s.Start, zone), ZonedTime.Format(s.End, zone), s.ProviderName)).ToList();
        return new ToolSlots(found.Name, zone.Id, slots);
    }

    private async Task<ToolBookingResult> CreateBookingAsync(
        AgentTurn turn, string service, string start, string? provider, string? customerName, CancellationToken cancellationToken)
    {
        var zone = turn.Zone;
        var catalog = await ScheduleCatalog.LoadAsync(db, cache, cancellationToken);
        if (Service(catalog, service) is not { } found)
        {
            return new ToolBookingResult(false, null, UnknownService(catalog), []);
        }
        if (!ZonedTime.TryParse(start, zone, out var instant))
        {
            return new ToolBookingResult(false, null, "start must be ISO 8601, e.g. 2026-12-03T10:00 (local) or 2026-12-03T10:00:00-05:00.", []);
        }
        var name = string.IsNullOrWhiteSpace(customerName) ? DialogReading.KnownName(turn.Contact) : customerName.Trim();
        if (name is null)
        {
            return new ToolBookingResult(false, null, "The customer's name is needed: ask for it, then call again with customer_name.", []);
        }
        var providerId = Provider(catalog, found.Id, provider)?.Id;
        var contact = turn.Contact;
        var outcome = await desk.CreateAsync(new NewBooking(
            found.Id, providerId, ZonedTime.Format(instant, zone), new CustomerInput(name, contact.Phone, contact.Email), null, contact.Id), cancellationToken);
        if (outcome.Booking is not { } booking)
        {
            var nearest = await new SlotCalendar(finder, zone).NearestAsync(found.Id, providerId, instant, 3, cancellationToken);
            return new ToolBookingResult(false, null, outcome.Failure?.Detail, nearest.Select(n => ZonedTime.Format(n.ToInstant(), zone)).ToList());
        }
        var made = new ToolBooking(booking.Id.ToString(), found.Name, catalog.Provider(booking.ProviderId)?.Name ?? "", ZonedTime.Format(booking.StartAt, zone));
        turn.Effects.Actions.Add(AgentAction.Of("booking_created",
            ("booking_id", made.BookingId), ("start", made.Start), ("service", made.Service), ("provider", made.Provider)));
        return new ToolBookingResult(true, made, null, []);
    }

    private async Task<ToolCancelResult> CancelBookingAsync(AgentTurn turn, string? bookingId, CancellationToken cancellationToken)
    {
        var zone = turn.Zone;
        var upcoming = await ContactBookings.UpcomingAsync(db, turn.Contact.Id, turn.Now, cancellationToken);
        var listed = upcoming.Select(b => new ToolBooking(b.Id.ToString(), b.Service, b.Provider, b.StartText(zone))).ToList();
        if (string.IsNullOrWhiteSpace(bookingId))
        {
            return new ToolCancelResult(false, null, listed.Count == 0 ? "The customer has no upcoming bookings." : null, listed);
        }
        // Only the contact's own upcoming bookings: any other id is unknown here, whoever it belongs to.
        var own = Guid.TryParse(bookingId.Trim(), out var id) ? upcoming.FirstOrDefault(b => b.Id == id) : null;
        if (own is null)
        {
            return new ToolCancelResult(false, null, "No upcoming booking of this customer has that id.", listed);
        }
        var outcome = await desk.CancelAsync(own.Id, force: false, mayForce: false, cancellationToken);
        var booking = new ToolBooking(own.Id.ToString(), own.Service, own.Provider, own.StartText(zone));
        if (outcome.Failure is { } failure)
        {
            return new ToolCancelResult(false, booking, failure.Detail, listed);
        }
        turn.Effects.Actions.Add(AgentAction.Of("booking_cancelled",
            ("booking_id", booking.BookingId), ("start", booking.Start), ("service", booking.Service), ("provider", booking.Provider)));
        return new ToolCancelResult(true, booking, null, listed.Where(b => b.BookingId != booking.BookingId).ToList());
    }

    private static Core.Booking.Service? Service(ScheduleCatalog catalog, string? name) =>
        NameMatcher.Best(catalog.Services, s => s.Name, NameMatcher.Words(TextTokenizer.Tokenize(name)))
        ?? (catalog.Services.Count == 1 && string.IsNullOrWhiteSpace(name) ? catalog.Services[0] : null);

    private static BookableProvider? Provider(ScheduleCatalog catalog, Guid serviceId, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : NameMatcher.Best(catalog.ProvidersOf(serviceId), p => p.Name, NameMatcher.Words(TextTokenizer.Tokenize(name)));

    private static string UnknownService(ScheduleCatalog catalog) =>
        "Unknown service. The services are: " + string.Join(", ", catalog.Services.Select(s => s.Name)) + ".";

    private static LocalDate? Date(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date ? date.Value : null;
}
