using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Personal;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Personal;

/// <summary>A user's WhatsApp number: normalised, one per user, and naming at most one user of a tenant.</summary>
public abstract class LinkPhoneTests(ConversaFactory app)
{
    [Fact]
    public async Task A_user_links_reads_replaces_and_unlinks_their_number()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, userId) = await tenant.MemberAsync();
        await Http.ProblemAsync(await me.GetAsync("/api/personal/link-phone"), 404);

        var linked = await me.PostJsonAsync("/api/personal/link-phone", new { phone = "+57 (300) 123-4567" }, 200);
        linked.Text("phone").Should().Be("+573001234567");
        linked.Text("linked_at").Should().EndWith("-05:00");
        System.Text.Json.Nodes.JsonNode.DeepEquals(await me.GetJsonAsync("/api/personal/link-phone"), linked).Should().BeTrue();
        var again = await me.PostJsonAsync("/api/personal/link-phone", new { phone = "0057 300 123 4567" }, 200);
        again.Text("linked_at").Should().Be(linked.Text("linked_at"), "linking the same number again changes nothing");

        // The personal assistant finds the user by the number however it is written.
        var found = await app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, services =>
            services.GetRequiredService<PersonalAgenda>().FindUserByPhoneAsync("+57 300 1234567", CancellationToken.None));
        found.Should().Be(userId);

        (await me.PostJsonAsync("/api/personal/link-phone", new { phone = "+573009998877" }, 200)).Text("phone").Should().Be("+573009998877");
        (await me.GetJsonAsync("/api/personal/link-phone")).Text("phone").Should().Be("+573009998877");

        (await me.DeleteAsync("/api/personal/link-phone")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await me.GetAsync("/api/personal/link-phone"), 404);
        await Http.ProblemAsync(await me.DeleteAsync("/api/personal/link-phone"), 404);
    }

    [Fact]
    public async Task A_number_names_one_user_per_tenant_but_other_tenants_may_link_it_too()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var (colleague, _) = await tenant.MemberAsync();
        var owner = await tenant.OwnerClientAsync();
        await me.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001234567" }, 200);

        foreach (var client in new[] { colleague, owner })
        {
            var taken = await Http.ProblemAsync(await client.PostAsync("/api/personal/link-phone", Http.Json(new { phone = "00573001234567" })), 409);
            taken["detail"]!.GetValue<string>().Should().Contain("+573001234567");
        }
        (await (await other.OwnerClientAsync()).PostJsonAsync("/api/personal/link-phone", new { phone = "+573001234567" }, 200))
            .Text("phone").Should().Be("+573001234567");

        // Moving to another number frees the old one for a colleague.
        await me.PostJsonAsync("/api/personal/link-phone", new { phone = "+573005550000" }, 200);
        await colleague.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001234567" }, 200);
        await Http.ProblemAsync(await me.PostAsync("/api/personal/link-phone", Http.Json(new { phone = "+573001234567" })), 409);
        (await me.GetJsonAsync("/api/personal/link-phone")).Text("phone").Should().Be("+573005550000", "a refused link leaves the old one");
    }

    [Fact]
    public async Task Two_users_racing_for_one_number_get_one_link_and_one_conflict()
    {
        var tenant = await app.CreateTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tenant.MemberAsync()));
        var responses = await Task.WhenAll(users.Select(u => u.Client.PostAsync("/api/personal/link-phone", Http.Json(new { phone = "+573007770000" }))));
        responses.Select(r => (int)r.StatusCode).Order().Should().Equal(200, 409, 409, 409);
    }

    [Fact]
    public async Task A_bad_number_is_a_400_naming_phone()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        foreach (var body in new[] { """{"phone": "abc"}""", """{"phone": "+12"}""", """{"phone": 573001234567}""", "{}", """{"phone": null}""" })
        {
            var problem = await Http.ProblemAsync(await me.PostAsync("/api/personal/link-phone", Http.Raw(body)), 400);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(["phone"], body);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LinkPhoneTestsOnSqlite(SqliteFactory app) : LinkPhoneTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LinkPhoneTestsOnPostgres(PostgresFactory app) : LinkPhoneTests(app);
