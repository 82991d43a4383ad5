using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Hosting;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

/// <summary>
/// Reads a legacy <c>companies_config.json</c> (<c>{slug: {company_name, sales_agent_name, treatment_durations, ...}}</c>)
/// and creates or refreshes one tenant per entry. Legacy-only keys (<c>redis_prefix</c>, <c>vectorstore_index</c>) are ignored;
/// <c>treatment_durations</c> are kept under <c>settings.booking</c> and become the tenant's bookable services
/// (<see cref="TreatmentServices"/>): synced when the tenant is created or its entry changed, and created once for a
/// tenant that has no services yet (one imported before booking existed). A reload of an unchanged file changes nothing.
/// </summary>
public sealed class CompaniesConfigImporter(
    AppDbContext db, TenantProvisioning provisioning, TenantDirectory directory, AuditLog audit, ConversaOptions options,
    TenantScope scope, TimeProvider time, ILogger<CompaniesConfigImporter> logger)
{
    public sealed record Outcome(List<string> Created, List<string> Updated, List<string> Unchanged, List<string> Errors);

    public bool Configured => !string.IsNullOrWhiteSpace(options.CompaniesConfig);

    public async Task<Outcome> ImportConfiguredAsync(CancellationToken cancellationToken)
    {
        var path = options.CompaniesConfig!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CONVERSA_COMPANIES_CONFIG points to '{path}', which does not exist.", path);
        }
        await using var stream = File.OpenRead(path);
        var document = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new JsonException("companies_config.json must be a JSON object keyed by company slug.");
        return await ImportAsync(document, cancellationToken);
    }

    public async Task<Outcome> ImportAsync(JsonObject companies, CancellationToken cancellationToken)
    {
        var outcome = new Outcome([], [], [], []);
        foreach (var (key, value) in companies)
        {
            var slug = key.Trim().ToLowerInvariant().Replace('_', '-');
            if (!TenantValidation.IsValidSlug(slug) || value is not JsonObject company)
            {
                outcome.Errors.Add($"{key}: not a valid company entry");
                continue;
            }
            var name = Text(company, "company_name") ?? key;
            var patch = SettingsPatch(company);
            var existing = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
            if (existing is null)
            {
                var request = new TenantProvisioning.Request(
                    slug, name, Text(company, "sector"), null, Text(company, "timezone"), Text(company, "language"),
                    Text(company, "currency"), Settings: patch);
                // The admin API validates through its endpoint filter; the file has no such filter, so check here.
                var invalid = new ValidationErrors();
                request.Validate(invalid);
                if (invalid.Any)
                {
                    outcome.Errors.Add($"{slug}: invalid {string.Join(", ", invalid.ToDictionary().Keys)}");
                    continue;
                }
                var (created, problem) = await provisioning.CreateAsync(request, createKey: false, cancellationToken);
                if (created is null)
                {
                    outcome.Errors.Add($"{slug}: {(problem as IStatusCodeHttpResult)?.StatusCode} could not be created");
                    continue;
                }
                await SyncServicesAsync(created.Tenant.Id, slug, company, onlyIfNone: false, cancellationToken);
                outcome.Created.Add(slug);
                continue;
            }

            var merged = JsonMergePatch.Apply(JsonNode.Parse(existing.SettingsJson), patch) as JsonObject ?? [];
            var invalidSettings = new ValidationErrors();
            TenantSettings.Validate(merged, invalidSettings);
            if (invalidSettings.Any)
            {
                outcome.Errors.Add($"{slug}: invalid {string.Join(", ", invalidSettings.ToDictionary().Keys)}");
                continue;
            }
            var settingsJson = TenantSettings.Serialize(merged);
            if (existing.Name == name && settingsJson == existing.SettingsJson)
            {
                await SyncServicesAsync(existing.Id, slug, company, onlyIfNone: true, cancellationToken);
                outcome.Unchanged.Add(slug);
                continue;
            }
            existing.Name = name;
            existing.SettingsJson = settingsJson;
            existing.UpdatedAt = DateTime.UtcNow;
            audit.Record("tenant.config_reloaded", existing.Id, slug);
            await db.SaveChangesAsync(cancellationToken);
            directory.Invalidate(existing.Id);
            await SyncServicesAsync(existing.Id, slug, company, onlyIfNone: false, cancellationToken);
            outcome.Updated.Add(slug);
        }
        logger.LogInformation("companies config: created {Created}, updated {Updated}, unchanged {Unchanged}, errors {Errors}",
            outcome.Created.Count, outcome.Updated.Count, outcome.Unchanged.Count, outcome.Errors.Count);
        return outcome;
    }

    /// <summary>Turns the entry's <c>treatment_durations</c> into services of the tenant.</summary>
    private async Task SyncServicesAsync(Guid tenantId, string slug, JsonObject company, bool onlyIfNone, CancellationToken cancellationToken)
    {
        var durations = TreatmentServices.Read(company["treatment_durations"] as JsonObject);
        if (durations.Count == 0)
        {
            return;
        }
        var synced = await scope.RunDbAsync(tenantId, async tenantDb =>
            onlyIfNone && await tenantDb.Services.AnyAsync(cancellationToken)
                ? new TreatmentServices.Outcome(0, 0)
                : await TreatmentServices.SyncAsync(tenantDb, durations, time.GetUtcNow().UtcDateTime, cancellationToken), cancellationToken);
        if (synced.Created + synced.Updated > 0)
        {
            logger.LogInformation("companies config: {Slug} services created {Created}, updated {Updated}", slug, synced.Created, synced.Updated);
        }
    }

    private static JsonObject SettingsPatch(JsonObject company)
    {
        var patch = new JsonObject();
        if (Text(company, "sales_agent_name") is { } agent)
        {
            patch["assistant"] = new JsonObject { ["name"] = agent };
        }
        var booking = new JsonObject();
        if (company["treatment_durations"] is JsonObject durations)
        {
            var clean = new JsonObject();
            foreach (var (service, minutes) in durations)
            {
                if (minutes is JsonValue v && v.TryGetValue<int>(out var m) && m > 0)
                {
                    clean[service] = m;
                }
            }
            booking["treatment_durations"] = clean;
        }
        if (Text(company, "schedule_service_url") is { } url)
        {
            booking["schedule_service_url"] = url;
        }
        if (booking.Count > 0)
        {
            patch["booking"] = booking;
        }
        if (Text(company, "services") is { } services)
        {
            patch["company"] = new JsonObject { ["services"] = services };
        }
        return patch;
    }

    private static string? Text(JsonObject company, string key) =>
        company[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
