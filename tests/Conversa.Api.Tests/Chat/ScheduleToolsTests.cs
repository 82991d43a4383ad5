using System.Text.Json;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Core.Language;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Engine.Scheduling;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The booking tools a chat model gets (<c>list_slots</c>, <c>create_booking</c>, <c>cancel_booking</c>), invoked the
/// way a model's tool call is, in the tenant's scope, for a contact who chatted: local ISO times, bookings for that
/// contact with their action recorded, and no way to cancel another contact's booking.
/// </summary>
public abstract class ScheduleToolsTests(ConversaFactory app)
{
    [Fact]
    public async Task The_tools_list_book_and_cancel_only_for_the_turn_s_contact()
    {
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
            [("Botox", 30)], [("Dr. Luis", ["Botox"])]);
        var someoneElse = (await clinic.BookForSomeoneElseAsync("Botox", "Dr. Luis", "2031-03-04T11:00")).Str("id");
        await clinic.SayAsync("tool-user", "Quiero agendar botox mañana a las 10, me llamo Ana Gómez");
        await clinic.SayAsync("tool-user", "sí");

        var scope = clinic.Host.Host.Services.GetRequiredService<TenantScope>();
        var (slots, created, foreign, own, effects) = await scope.RunAsync(clinic.Tenant.Id, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.ExternalRef == "api:tool-user");
            var turn = new AgentTurn
            {
                Text = "",
                Tokens = [],
                Language = "es",
                Prediction = new IntentPrediction(null, 0, [], []),
                Context = new ContactContext { ContactId = contact.Id },
                Profile = AssistantProfile.From(clinic.Tenant.Id, clinic.Tenant.Slug, "Clínica", "clinic", "America/Bogota", "es", "COP", "{}"),
                Conversation = new Conversation { ContactId = contact.Id },
                Contact = contact,
                Now = Instant.FromDateTimeOffset(clinic.Host.Clock.GetUtcNow()),
            };
            var tools = services.GetServices<IAgentTools>().OfType<ScheduleTools>().Single();
            tools.Agents.Should().BeEquivalentTo([AgentNames.Availability, AgentNames.Schedule]);
            var functions = tools.Create(turn).ToDictionary(f => f.Name);
            functions.Keys.Should().BeEquivalentTo(["list_slots", "create_booking", "cancel_booking"]);
            var slots = await Invoke(functions["list_slots"], new() { ["service"] = "botox", ["from"] = "2031-03-04", ["to"] = "2031-03-04" });
            var created = await Invoke(functions["create_booking"], new() { ["service"] = "Botox", ["start"] = "2031-03-05T10:00" });
            var foreign = await Invoke(functions["cancel_booking"], new() { ["bookingId"] = someoneElse });
            var own = await Invoke(functions["cancel_booking"], new() { ["bookingId"] = created.GetProperty("booking").GetProperty("bookingId").GetString() });
            return (slots, created, foreign, own, turn.Effects.Actions.Select(a => a.Type).ToList());
        });

        var starts = slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()).ToList();
        starts.Should().StartWith(["2031-03-04T09:00:00-05:00", "2031-03-04T09:15:00-05:00", "2031-03-04T09:30:00-05:00", "2031-03-04T10:30:00-05:00"],
            "10:00 is the contact's own booking");
        starts.Should().NotContain("2031-03-04T11:00:00-05:00");
        created.GetProperty("done").GetBoolean().Should().BeTrue();
        created.GetProperty("booking").GetProperty("start").GetString().Should().Be("2031-03-05T10:00:00-05:00");
        foreign.GetProperty("cancelled").GetBoolean().Should().BeFalse();
        foreign.GetProperty("upcomingBookings").GetArrayLength().Should().Be(2, "the contact's own two bookings, not the other customer's");
        own.GetProperty("cancelled").GetBoolean().Should().BeTrue();
        effects.Should().Equal("booking_created", "booking_cancelled");
        (await clinic.Client.GetJsonAsync($"/api/bookings/{someoneElse}")).Str("status").Should().Be("confirmed");
        (await clinic.BookingsAsync()).Select(b => b.Str("status")).Should().BeEquivalentTo(["confirmed", "confirmed", "cancelled"]);
    }

    private static async Task<JsonElement> Invoke(AIFunction function, AIFunctionArguments arguments) =>
        await function.InvokeAsync(arguments) is JsonElement element ? element
            : throw new InvalidOperationException($"{function.Name} did not return JSON data.");
}

[Collection(SqliteCollection.Name)]
public sealed class ScheduleToolsTestsOnSqlite(SqliteFactory app) : ScheduleToolsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScheduleToolsTestsOnPostgres(PostgresFactory app) : ScheduleToolsTests(app);
