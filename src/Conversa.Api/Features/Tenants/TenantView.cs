using System.Text.Json.Nodes;
using Conversa.Core.Tenancy;

namespace Conversa.Api.Features.Tenants;

/// <summary>A tenant as the API shows it: settings rendered without secrets.</summary>
public sealed record TenantView(
    Guid Id, string Slug, string Name, string Sector, string Plan, TenantStatus Status, string Timezone, string Language,
    string Currency, TenantIsolation Isolation, JsonObject Settings, JsonObject? Limits, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static TenantView From(Tenant t, IReadOnlySet<string> secretNames) =>
        new(t.Id, t.Slug, t.Name, t.Sector, t.Plan, t.Status, t.Timezone, t.Language, t.Currency, t.Isolation,
            TenantSettings.Render(t.SettingsJson, secretNames),
            t.LimitsJson is null ? null : JsonNode.Parse(t.LimitsJson) as JsonObject,
            t.CreatedAt, t.UpdatedAt);
}
