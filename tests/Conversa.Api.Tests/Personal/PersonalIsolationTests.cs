using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Personal;

/// <summary>
/// A personal agenda is its user's alone: other users of the same tenant (owners included) and other tenants get
/// 404 exactly as for a missing item, and callers without a user of the tenant get no agenda at all.
/// </summary>
public abstract class PersonalIsolationTests(ConversaFactory app)
{
    [Fact]
    public async Task Another_user_of_the_tenant_even_the_owner_cannot_see_change_or_delete_my_items()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var (colleague, _) = await tenant.MemberAsync("admin");
        var owner = await tenant.OwnerClientAsync();
        var appointment = await me.CreateAppointmentAsync(new { title = "Mi cita privada", start_datetime = "2030-05-10T10:00", category = "Privado" });
        var task = await me.CreateTaskAsync(new { title = "Mi tarea privada", category = "Privado", due_date = "2020-01-01" });

        foreach (var other in new[] { colleague, owner })
        {
            foreach (var url in new[] { $"/api/personal/appointments/{appointment.Id()}", $"/api/personal/tasks/{task.Id()}" })
            {
                var notFound = await Http.ProblemAsync(await other.GetAsync(url), 404);
                var missing = await Http.ProblemAsync(await other.GetAsync(url[..url.LastIndexOf('/')] + "/" + Guid.NewGuid()), 404);
                notFound["detail"]!.GetValue<string>().Should().Be(missing["detail"]!.GetValue<string>(), "someone else's item reads like a missing one");
                await Http.ProblemAsync(await other.PutAsync(url, Http.Json(new { title = "hacked", start_datetime = "2030-05-10T10:00" })), 404);
                await Http.ProblemAsync(await other.PutAsync(url, Http.Json(new { title = "" })), 404);
                await Http.ProblemAsync(await other.PatchAsync(url, Http.Json(new { title = "hacked" })), 404);
                await Http.ProblemAsync(await other.DeleteAsync(url), 404);
            }
            foreach (var read in new[] { "/api/personal/appointments", "/api/personal/tasks", "/api/personal/tasks?overdue=true",
                         "/api/personal/tasks/categories", "/api/personal/appointments?category=privado" })
            {
                (await (await other.GetAsync(read)).Content.ReadAsStringAsync()).Should().NotContain("privad", read);
            }
            // Their own overlapping appointment is not a conflict of mine, nor mine of theirs.
            (await other.CreateAppointmentAsync(new { title = "Suya", start_datetime = "2030-05-10T10:00" }))["conflicts"]!.AsArray().Should().BeEmpty();
        }

        var mine = await me.GetJsonAsync($"/api/personal/appointments/{appointment.Id()}");
        mine.Text("title").Should().Be("Mi cita privada");
        mine["conflicts"]!.AsArray().Should().BeEmpty();
        (await me.GetJsonAsync($"/api/personal/tasks/{task.Id()}")).Text("title").Should().Be("Mi tarea privada");
        (await me.GetJsonAsync("/api/personal/tasks?overdue=true")).Titles().Should().Equal("Mi tarea privada");
    }

    [Fact]
    public async Task Another_tenants_user_gets_404_for_my_items()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var appointment = await me.CreateAppointmentAsync(new { title = "Cita de A", start_datetime = "2030-05-10T10:00" });
        var task = await me.CreateTaskAsync(new { title = "Tarea de A" });
        var stranger = await other.OwnerClientAsync();
        foreach (var url in new[] { $"/api/personal/appointments/{appointment.Id()}", $"/api/personal/tasks/{task.Id()}" })
        {
            await Http.ProblemAsync(await stranger.GetAsync(url), 404);
            await Http.ProblemAsync(await stranger.PatchAsync(url, Http.Json(new { title = "hacked" })), 404);
            await Http.ProblemAsync(await stranger.DeleteAsync(url), 404);
        }
        (await stranger.GetJsonAsync("/api/personal/appointments"))["total"]!.GetValue<int>().Should().Be(0);
        (await me.GetJsonAsync($"/api/personal/tasks/{task.Id()}")).Text("title").Should().Be("Tarea de A");
    }

    [Fact]
    public async Task Only_a_signed_in_user_of_the_tenant_has_a_personal_agenda()
    {
        var tenant = await app.CreateTenantAsync();
        foreach (var url in new[] { "/api/personal/appointments", "/api/personal/tasks", "/api/personal/tasks/categories", "/api/personal/link-phone" })
        {
            var byKey = await Http.ProblemAsync(await tenant.KeyClient().GetAsync(url), 403);
            byKey["detail"]!.GetValue<string>().Should().Contain("user");
            await Http.ProblemAsync(await tenant.KeyClient().PostAsync(url, Http.Json(new { title = "x", phone = "+573001234567" })), url.EndsWith("categories", StringComparison.Ordinal) ? 405 : 403);
            await Http.ProblemAsync(await app.CreateClient().GetAsync(url), 401);

            var admin = await app.AdminClientAsync();
            admin.DefaultRequestHeaders.Add("X-Tenant-ID", tenant.Slug);
            var superadmin = await Http.ProblemAsync(await admin.GetAsync(url), 403);
            superadmin["detail"]!.GetValue<string>().Should().Contain("superadmin");
        }
    }

    [Fact]
    public async Task Removing_a_user_removes_their_agenda_its_reminders_and_frees_their_number()
    {
        var tenant = await app.CreateTenantAsync();
        var (member, memberId) = await tenant.MemberAsync();
        var (colleague, _) = await tenant.MemberAsync();
        await member.CreateAppointmentAsync(new { title = "Cita", start_datetime = "2030-05-10T10:00" });
        await member.CreateTaskAsync(new { title = "Tarea" });
        await member.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001112233" }, 200);
        await Http.ProblemAsync(await colleague.PostAsync("/api/personal/link-phone", Http.Json(new { phone = "+573001112233" })), 409);

        var owner = await tenant.OwnerClientAsync();
        (await owner.DeleteAsync($"/api/users/{memberId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var left = await app.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, async db =>
            await db.PersonalAppointments.CountAsync(a => a.UserId == memberId) + await db.PersonalTasks.CountAsync(t => t.UserId == memberId)
            + await db.LinkedPhones.CountAsync(p => p.UserId == memberId) + await db.Reminders.CountAsync(r => r.UserId == memberId));
        left.Should().Be(0);
        await colleague.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001112233" }, 200);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalIsolationTestsOnSqlite(SqliteFactory app) : PersonalIsolationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalIsolationTestsOnPostgres(PostgresFactory app) : PersonalIsolationTests(app);
