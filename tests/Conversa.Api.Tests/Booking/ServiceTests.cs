using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

public abstract class ServiceTests(ConversaFactory app)
{
    [Fact]
    public async Task A_service_is_created_read_replaced_and_listed()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP" });
        var client = tenant.KeyClient();
        var response = await client.PostAsync("/api/services", Http.Json(new
        {
            name = "Limpieza Facial", duration_minutes = 60, price = 80000.1234m, buffer_minutes = 15, description = "Profunda",
        }));
        var created = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().Be($"/api/services/{created.Id()}");
        created.Text("slug").Should().Be("limpieza-facial");
        created["price"]!.ToJsonString().Should().Be("80000.1234");
        created.Text("currency").Should().Be("COP");
        created["buffer_minutes"]!.GetValue<int>().Should().Be(15);
        created["active"]!.GetValue<bool>().Should().BeTrue();
        (await client.GetJsonAsync($"/api/services/{created.Id()}")).Text("name").Should().Be("Limpieza Facial");

        var replaced = await client.PutJsonAsync($"/api/services/{created.Id()}", new { name = "Limpieza facial profunda", duration_minutes = 75 }, 200);
        replaced["price"].Should().BeNull("PUT replaces every field");
        replaced["buffer_minutes"]!.GetValue<int>().Should().Be(0);
        replaced["duration_minutes"]!.GetValue<int>().Should().Be(75);

        await client.PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30 }, 201);
        var list = await client.GetJsonAsync("/api/services");
        list["total"]!.GetValue<int>().Should().Be(2);
        list["items"]!.AsArray().Select(s => s!.Text("name")).Should().Equal("Botox", "Limpieza facial profunda");
        (await client.GetJsonAsync("/api/services?limit=1"))["next_cursor"].Should().NotBeNull();
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_accents()
    {
        var client = (await app.CreateTenantAsync()).KeyClient();
        var first = await client.PostJsonAsync("/api/services", new { name = "Depilación láser", duration_minutes = 30 }, 201);
        var problem = await Http.ProblemAsync(await client.PostAsync("/api/services", Http.Json(new { name = "DEPILACION  LASER", duration_minutes = 45 })), 409);
        problem.Text("detail").Should().Contain("DEPILACION");
        var other = await client.PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30 }, 201);
        await Http.ProblemAsync(await client.PutAsync($"/api/services/{other.Id()}", Http.Json(new { name = "depilacion laser", duration_minutes = 30 })), 409);
        // Renaming a service to its own name in another case is fine.
        await client.PutJsonAsync($"/api/services/{first.Id()}", new { name = "Depilación Láser", duration_minutes = 30 }, 200);
    }

    [Fact]
    public async Task Invalid_services_are_400_with_field_errors()
    {
        var client = (await app.CreateTenantAsync()).KeyClient();
        var problem = await Http.ProblemAsync(await client.PostAsync("/api/services", Http.Json(new
        {
            name = "", duration_minutes = 4, price = -1, buffer_minutes = 241,
        })), 400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "duration_minutes", "price", "buffer_minutes");
        (await Http.ProblemAsync(await client.PostAsync("/api/services", Http.Json(new { name = "x", duration_minutes = 1441, price = 1.00001m })), 400))
            ["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("duration_minutes", "price");
        await Http.ProblemAsync(await client.PostAsync("/api/services", Http.Raw("""{"name": "x", "duration_minutes": "long"}""")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/services", Http.Raw("not json")), 400);
        await Http.ProblemAsync(await client.GetAsync("/api/services?active=maybe"), 400);
        await Http.ProblemAsync(await client.GetAsync($"/api/services/{Guid.NewGuid()}"), 404);
    }

    [Fact]
    public async Task Delete_removes_an_unused_service_and_deactivates_one_with_bookings()
    {
        var host = ClockedHost.For(app);
        var clinic = await host.ClinicAsync();
        var unused = await clinic.Client.PostJsonAsync("/api/services", new { name = "Peeling", duration_minutes = 30 }, 201);
        (await clinic.Client.DeleteAsync($"/api/services/{unused.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await clinic.Client.GetAsync($"/api/services/{unused.Id()}"), 404);

        await clinic.BookAsync(clinic.Botox, clinic.Ana, "2031-03-04T10:00");
        (await clinic.Client.DeleteAsync($"/api/services/{clinic.Botox}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await clinic.Client.GetJsonAsync($"/api/services/{clinic.Botox}"))["active"]!.GetValue<bool>().Should().BeFalse();
        (await clinic.Client.GetJsonAsync("/api/services"))["items"]!.AsArray().Select(s => s!.Text("name")).Should().Equal("Limpieza facial");
        (await clinic.Client.GetJsonAsync("/api/services?active=all"))["total"]!.GetValue<int>().Should().Be(2);
        // An inactive service is not bookable, and its bookings keep it.
        (await Http.ProblemAsync(await clinic.PostBookingAsync(clinic.Botox, clinic.Ana, "2031-03-04T11:00"), 422))["errors"]!["service_id"].Should().NotBeNull();
        (await clinic.Client.GetJsonAsync("/api/bookings"))["items"]![0]!.Text("service_name").Should().Be("Botox");
    }

    [Fact]
    public async Task Only_managers_change_services_but_everyone_reads_them()
    {
        var host = ClockedHost.For(app);
        var clinic = await host.ClinicAsync();
        var agent = await host.AgentClientAsync(clinic.Tenant);
        await Http.ProblemAsync(await agent.PostAsync("/api/services", Http.Json(new { name = "x", duration_minutes = 30 })), 403);
        await Http.ProblemAsync(await agent.PutAsync($"/api/services/{clinic.Botox}", Http.Json(new { name = "x", duration_minutes = 30 })), 403);
        await Http.ProblemAsync(await agent.DeleteAsync($"/api/services/{clinic.Botox}"), 403);
        (await agent.GetJsonAsync("/api/services"))["total"]!.GetValue<int>().Should().Be(2);
        await Http.ProblemAsync(await host.Host.CreateClient().GetAsync("/api/services"), 401);
        var owner = await host.UserClientAsync(clinic.Tenant.OwnerEmail, clinic.Tenant.OwnerPassword);
        await owner.PostJsonAsync("/api/services", new { name = "Rellenos", duration_minutes = 45 }, 201);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ServiceTestsOnSqlite(SqliteFactory app) : ServiceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ServiceTestsOnPostgres(PostgresFactory app) : ServiceTests(app);
