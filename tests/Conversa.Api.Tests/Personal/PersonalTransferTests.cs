using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;

namespace Conversa.Api.Tests.Personal;

/// <summary>Personal agendas travel with a tenant's export and import (TenantTransfer is generic), still private to each user.</summary>
public abstract class PersonalTransferTests(ConversaFactory app)
{
    [Fact]
    public async Task A_tenant_restored_from_its_export_gives_each_user_back_their_own_agenda()
    {
        var tenant = await app.CreateTenantAsync();
        var (member, _) = await tenant.MemberAsync();
        var owner = await tenant.OwnerClientAsync();
        var memberEmail = (await owner.GetJsonAsync("/api/users"))["items"]!.AsArray()
            .Single(u => u!.Text("role") == "agent")!.Text("email");
        var appointment = await member.CreateAppointmentAsync(new
        {
            title = "Cita del agente", start_datetime = "2030-05-10T10:00", attendees = new[] { "Ana" }, reminder_minutes = 30,
        });
        await member.CreateAppointmentAsync(new { title = "Solapada", start_datetime = "2030-05-10T10:30" });
        await member.CreateTaskAsync(new { title = "Tarea del agente", due_date = "2030-05-11", priority = "high", category = "Trabajo" });
        await member.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001234567" }, 200);
        await owner.CreateTaskAsync(new { title = "Tarea del dueño" });

        var admin = await app.AdminClientAsync();
        var export = await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export");
        var document = await export.Content.ReadAsStringAsync();
        export.StatusCode.Should().Be(HttpStatusCode.OK, document);
        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var imported = await Http.ReadAsync(await admin.PostAsync("/api/admin/tenants/import", Http.Raw(document)), 201);
        imported["imported"]!["personal_appointments"]!.GetValue<int>().Should().Be(2);
        imported["imported"]!["personal_tasks"]!.GetValue<int>().Should().Be(2);
        imported["imported"]!["linked_phones"]!.GetValue<int>().Should().Be(1);

        var restoredMember = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), memberEmail, "member-password"));
        var appointments = await restoredMember.GetJsonAsync("/api/personal/appointments");
        appointments.Titles().Should().Equal("Cita del agente", "Solapada");
        var restored = appointments["items"]![0]!;
        restored.Id().Should().NotBe(appointment.Id(), "an import gives every row a new id");
        restored.ConflictTitles().Should().Equal("Solapada");
        restored["attendees"]![0]!.GetValue<string>().Should().Be("Ana");
        (await restoredMember.GetJsonAsync("/api/personal/tasks")).Titles().Should().Equal("Tarea del agente");
        (await restoredMember.GetJsonAsync("/api/personal/link-phone")).Text("phone").Should().Be("+573001234567");

        var restoredOwner = await tenant.OwnerClientAsync();
        (await restoredOwner.GetJsonAsync("/api/personal/tasks")).Titles().Should().Equal("Tarea del dueño");
        (await restoredOwner.GetJsonAsync("/api/personal/appointments"))["total"]!.GetValue<int>().Should().Be(0);

        // The reminder came along, pointing at the restored appointment.
        var reminder = (await app.ReminderAsync(tenant with { Id = Guid.Parse(imported["tenant"]!.Id()) }, restored.Id()))!;
        reminder.Kind.Should().Be(ReminderKind.Appointment);
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 10, 14, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_tenant_with_personal_agendas_can_be_imported_beside_its_original()
    {
        var tenant = await app.CreateTenantAsync();
        var (member, _) = await tenant.MemberAsync();
        await member.CreateAppointmentAsync(new { title = "Cita", start_datetime = "2030-05-10T10:00" });
        await member.PostJsonAsync("/api/personal/link-phone", new { phone = "+573001234567" }, 200);
        var admin = await app.AdminClientAsync();
        var document = await (await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export")).Content.ReadAsStringAsync();

        var copy = "per-" + Guid.NewGuid().ToString("N")[..10];
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copy}", Http.Raw(document)), 201);
        var skipped = imported["skipped"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        skipped.Should().Contain(s => s.StartsWith("user ", StringComparison.Ordinal), "the users' emails are taken by the original");
        skipped.Should().Contain(s => s.Contains("personal_appointments rows: they belong to a skipped row", StringComparison.Ordinal))
            .And.Contain(s => s.Contains("linked_phones rows", StringComparison.Ordinal))
            .And.Contain(s => s.Contains("reminders rows", StringComparison.Ordinal), "a skipped user's agenda would point at the original's user");
        imported["imported"]!["personal_appointments"]!.GetValue<int>().Should().Be(0);
        imported["imported"]!["reminders"]!.GetValue<int>().Should().Be(0);
        (await member.GetJsonAsync("/api/personal/appointments")).Titles().Should().Equal(["Cita"], "the original is untouched");
        (await member.GetJsonAsync("/api/personal/link-phone")).Text("phone").Should().Be("+573001234567");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalTransferTestsOnSqlite(SqliteFactory app) : PersonalTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalTransferTestsOnPostgres(PostgresFactory app) : PersonalTransferTests(app);
