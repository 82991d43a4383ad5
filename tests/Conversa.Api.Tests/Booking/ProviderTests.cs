using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

public abstract class ProviderTests(ConversaFactory app)
{
    [Fact]
    public async Task A_provider_names_its_services_and_zone()
    {
        var client = (await app.CreateTenantAsync()).KeyClient();
        var botox = (await client.PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30 }, 201)).Id();
        var rellenos = (await client.PostJsonAsync("/api/services", new { name = "Rellenos", duration_minutes = 45 }, 201)).Id();

        var response = await client.PostAsync("/api/providers", Http.Json(new { name = "Dra. Ana", service_ids = new[] { botox }, timezone = "Europe/Madrid" }));
        var created = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().Be($"/api/providers/{created.Id()}");
        created["service_ids"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal(botox);
        created.Text("timezone").Should().Be("Europe/Madrid");

        var replaced = await client.PutJsonAsync($"/api/providers/{created.Id()}", new { name = "Dra. Ana M.", service_ids = new[] { rellenos, botox } }, 200);
        replaced["service_ids"]!.AsArray().Select(s => s!.GetValue<string>()).Should().BeEquivalentTo(botox, rellenos);
        replaced["timezone"].Should().BeNull("the tenant's zone applies");
        var read = await client.GetJsonAsync($"/api/providers/{created.Id()}");
        read.Text("name").Should().Be("Dra. Ana M.");
        read["service_ids"]!.AsArray().Should().HaveCount(2);

        await client.PostJsonAsync("/api/providers", new { name = "Dr. Luis", service_ids = new[] { botox } }, 201);
        await client.PostJsonAsync("/api/providers", new { name = "Sala 2" }, 201);
        (await client.GetJsonAsync("/api/providers"))["items"]!.AsArray().Select(p => p!.Text("name")).Should().Equal("Dr. Luis", "Dra. Ana M.", "Sala 2");
        (await client.GetJsonAsync($"/api/providers?service_id={rellenos}"))["items"]!.AsArray().Select(p => p!.Text("name")).Should().Equal("Dra. Ana M.");
    }

    [Fact]
    public async Task Unknown_and_foreign_service_ids_are_422_naming_each()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var mine = (await a.KeyClient().PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30 }, 201)).Id();
        var theirs = (await b.KeyClient().PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30 }, 201)).Id();
        var unknown = Guid.NewGuid().ToString();

        var problem = await Http.ProblemAsync(await a.KeyClient().PostAsync("/api/providers",
            Http.Json(new { name = "Ana", service_ids = new[] { mine, theirs, unknown } })), 422);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("service_ids[1]", "service_ids[2]");
        problem.Text("detail").Should().Contain(theirs).And.Contain(unknown);
        (await a.KeyClient().GetJsonAsync("/api/providers"))["total"]!.GetValue<int>().Should().Be(0, "nothing was created");

        var malformed = await Http.ProblemAsync(await a.KeyClient().PostAsync("/api/providers",
            Http.Json(new { name = "", service_ids = new[] { "not-an-id" }, timezone = "Mars/Base" })), 400);
        malformed["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "service_ids[0]", "timezone");
    }

    [Fact]
    public async Task Working_hours_are_stored_validated_and_read_back()
    {
        var client = (await app.CreateTenantAsync(extra: new { timezone = "America/Bogota" })).KeyClient();
        var provider = (await client.PostJsonAsync("/api/providers", new { name = "Ana" }, 201)).Id();
        var url = $"/api/providers/{provider}/availability";
        var empty = await client.GetJsonAsync(url);
        empty["weekly"]!.AsArray().Should().BeEmpty();
        empty.Text("timezone").Should().Be("America/Bogota");

        var saved = await client.PutJsonAsync(url, new
        {
            weekly = new object[]
            {
                new { day_of_week = 1, start = "14:00", end = "18:00" },
                new { day_of_week = 1, start = "09:00", end = "13:00" },
                new { day_of_week = 6, start = "09:00", end = "12:00" },
            },
            exceptions = new object[]
            {
                new { date = "2031-12-24", closed = true },
                new { date = "2031-12-31", start = "09:00", end = "11:00" },
            },
        }, 200);
        saved["weekly"]!.AsArray().Select(w => $"{w!["day_of_week"]} {w.Text("start")}-{w.Text("end")}")
            .Should().Equal("1 09:00-13:00", "1 14:00-18:00", "6 09:00-12:00");
        saved["exceptions"]![0]!["closed"]!.GetValue<bool>().Should().BeTrue();
        saved["exceptions"]![1]!.Text("start").Should().Be("09:00");
        (await client.GetJsonAsync(url)).ToJsonString().Should().Be(saved.ToJsonString());

        var problem = await Http.ProblemAsync(await client.PutAsync(url, Http.Json(new
        {
            weekly = new object[]
            {
                new { day_of_week = 8, start = "09:00", end = "13:00" },
                new { day_of_week = 2, start = "9am", end = "13:00" },
                new { day_of_week = 3, start = "13:00", end = "09:00" },
                new { day_of_week = 4, start = "09:00", end = "13:00" },
                new { day_of_week = 4, start = "12:00", end = "15:00" },
            },
            exceptions = new object[] { new { date = "tomorrow", closed = true }, new { date = "2031-12-25", closed = true, start = "09:00" } },
        })), 400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(
            "weekly[0].day_of_week", "weekly[1].start", "weekly[2].end", "weekly[4].start", "exceptions[0].date", "exceptions[1].closed");
        (await client.GetJsonAsync(url))["weekly"]!.AsArray().Should().HaveCount(3, "a refused update changes nothing");
        await Http.ProblemAsync(await client.PutAsync($"/api/providers/{Guid.NewGuid()}/availability", Http.Json(new { weekly = Array.Empty<object>() })), 404);
    }

    [Fact]
    public async Task Delete_removes_an_unused_provider_and_deactivates_one_with_bookings()
    {
        var host = ClockedHost.For(app);
        var clinic = await host.ClinicAsync();
        (await clinic.Client.DeleteAsync($"/api/providers/{clinic.Luis}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await clinic.Client.GetAsync($"/api/providers/{clinic.Luis}"), 404);

        await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T10:00");
        (await clinic.Client.DeleteAsync($"/api/providers/{clinic.Ana}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await clinic.Client.GetJsonAsync($"/api/providers/{clinic.Ana}"))["active"]!.GetValue<bool>().Should().BeFalse();
        (await clinic.Client.GetJsonAsync("/api/providers"))["total"]!.GetValue<int>().Should().Be(0);
        (await clinic.Client.GetJsonAsync("/api/providers?active=false"))["total"]!.GetValue<int>().Should().Be(1);
        (await clinic.Client.GetJsonAsync($"/api/availability?service_id={clinic.Botox}&from=2031-03-04&to=2031-03-04"))["slots"]!.AsArray()
            .Should().BeEmpty("no active provider is left");
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-04T11:00"), 422))["errors"]!["provider_id"]
            .Should().NotBeNull();
    }

    [Fact]
    public async Task Only_managers_change_providers_and_hours()
    {
        var host = ClockedHost.For(app);
        var clinic = await host.ClinicAsync();
        var agent = await host.AgentClientAsync(clinic.Tenant);
        await Http.ProblemAsync(await agent.PostAsync("/api/providers", Http.Json(new { name = "x" })), 403);
        await Http.ProblemAsync(await agent.PutAsync($"/api/providers/{clinic.Ana}/availability", Http.Json(new { weekly = Array.Empty<object>() })), 403);
        await Http.ProblemAsync(await agent.DeleteAsync($"/api/providers/{clinic.Ana}"), 403);
        (await agent.GetJsonAsync($"/api/providers/{clinic.Ana}/availability"))["weekly"]!.AsArray().Should().HaveCount(12);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProviderTestsOnSqlite(SqliteFactory app) : ProviderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProviderTestsOnPostgres(PostgresFactory app) : ProviderTests(app);
