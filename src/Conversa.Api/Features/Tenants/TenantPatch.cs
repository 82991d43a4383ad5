using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Security;

namespace Conversa.Api.Features.Tenants;

/// <summary>
/// A change to a tenant. Owners send the profile fields and <c>settings</c> (merged as RFC 7396);
/// superadmins may also send <c>status</c>, <c>plan</c> and <c>limits</c>.
/// </summary>
public sealed record TenantPatch(
    string? Name, string? Sector, string? Timezone, string? Language, string? Currency, JsonObject? Settings,
    string? Status = null, string? Plan = null, JsonObject? Limits = null) : IValidatable
{
    public static readonly IReadOnlyList<string> LimitNames = ["messages", "ai_tokens", "bookings", "documents"];

    public void Validate(ValidationErrors errors)
    {
        errors.When(Name is not null && (Name.Trim().Length == 0 || Name.Length > 200), "name", "name must have 1 to 200 characters.");
        errors.When(Sector is not null && (Sector.Trim().Length == 0 || Sector.Length > 50), "sector", "sector must have 1 to 50 characters.");
        errors.When(Timezone is not null && !TenantValidation.IsValidTimezone(Timezone), "timezone",
            "timezone must be an IANA time zone such as America/Bogota.");
        errors.When(Language is not null && !TenantValidation.IsValidLanguage(Language), "language", "language must be es, pt or en.");
        errors.When(Currency is not null && !TenantValidation.IsValidCurrency(Currency), "currency",
            "currency must be an ISO 4217 code such as USD, EUR or COP.");
        errors.When(Status is not (null or "active" or "suspended"), "status", "status must be active or suspended.");
        if (Limits is not null)
        {
            foreach (var (key, value) in Limits)
            {
                errors.When(!LimitNames.Contains(key), "limits." + key, "limits are messages, ai_tokens, bookings and documents.");
                errors.When(value is not null && (value is not JsonValue v || !v.TryGetValue<long>(out var n) || n < 0),
                    "limits." + key, "a limit is a whole number of at least 0 (null returns to the plan's).");
            }
        }
    }

    /// <summary>Applies the profile and settings part; returns validation errors of the merged settings, if any.</summary>
    public async Task<ValidationErrors> ApplyAsync(Tenant tenant, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (Settings is not null)
        {
            var patch = (JsonObject)Settings.DeepClone();
            var secretValues = TenantSettings.ExtractSecrets(patch);
            var merged = JsonMergePatch.Apply(JsonNode.Parse(tenant.SettingsJson), patch) as JsonObject ?? [];
            TenantSettings.Validate(merged, errors);
            if (errors.Any)
            {
                return errors;
            }
            tenant.SettingsJson = TenantSettings.Serialize(merged);
            foreach (var (name, value) in secretValues)
            {
                if (value is null)
                {
                    await secrets.RemoveAsync(name, cancellationToken);
                }
                else
                {
                    await secrets.SetAsync(name, value, cancellationToken);
                }
            }
        }
        tenant.Name = Name?.Trim() ?? tenant.Name;
        tenant.Sector = Sector?.Trim().ToLowerInvariant() ?? tenant.Sector;
        tenant.Timezone = Timezone ?? tenant.Timezone;
        tenant.Language = Language ?? tenant.Language;
        tenant.Currency = Currency ?? tenant.Currency;
        tenant.UpdatedAt = DateTime.UtcNow;
        return errors;
    }
}
