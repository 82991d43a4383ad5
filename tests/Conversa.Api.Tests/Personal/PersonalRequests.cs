using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Personal;

/// <summary>Requests the personal-agenda tests repeat: a second user of a tenant, items, and the reminder rows behind them.</summary>
internal static class PersonalRequests
{
    /// <summary>Creates a user of the tenant through <c>POST /api/users</c> and signs them in on <paramref name="host"/>.</summary>
    public static async Task<(HttpClient Client, Guid UserId)> MemberAsync(
        this TestTenant tenant, string role = "agent", WebApplicationFactory<Program>? host = null)
    {
        host ??= tenant.App;
        var owner = host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(host.CreateClient(), tenant.OwnerEmail, tenant.OwnerPassword));
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        var user = await owner.PostJsonAsync("/api/users", new { email, name = "Member", role, password = "member-password" }, 201);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(host.CreateClient(), email, "member-password"));
        return (client, Guid.Parse(user["id"]!.GetValue<string>()));
    }

    /// <summary>The tenant's owner signed in on <paramref name="host"/> (a host with its own clock signs its own tokens).</summary>
    public static async Task<HttpClient> OwnerOnAsync(this TestTenant tenant, WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(host.CreateClient(), tenant.OwnerEmail, tenant.OwnerPassword));
        return client;
    }

    public static async Task<JsonNode> CreateAppointmentAsync(this HttpClient client, object body) =>
        await client.PostJsonAsync("/api/personal/appointments", body, 201);

    public static async Task<JsonNode> CreateTaskAsync(this HttpClient client, object body) =>
        await client.PostJsonAsync("/api/personal/tasks", body, 201);

    public static async Task<JsonNode> PutJsonAsync(this HttpClient client, string url, object body, int expectedStatus) =>
        await Http.ReadAsync(await client.PutAsync(url, Http.Json(body)), expectedStatus);

    public static string Id(this JsonNode node) => node["id"]!.GetValue<string>();

    public static string Text(this JsonNode node, string field) => node[field]!.GetValue<string>();

    public static List<string> Titles(this JsonNode list) =>
        list["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();

    public static List<string> ConflictTitles(this JsonNode item) =>
        item["conflicts"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();

    /// <summary>The reminder row planned for a source, read straight from the tenant's data.</summary>
    public static Task<Reminder?> ReminderAsync(this WebApplicationFactory<Program> host, TestTenant tenant, string sourceId) =>
        host.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, db =>
            db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.SourceId == Guid.Parse(sourceId)));
}
