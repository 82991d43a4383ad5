using System.Text.Json.Nodes;
using Conversa.Api.Features.Identity;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Features.Tenants.Templates;
using Conversa.Api.Hosting;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

/// <summary>
/// Creates a tenant with its default settings, optionally an owner, and a first secret key. Used by the
/// admin API, the command line, the demo seed and the companies config import alike. When the sector has a
/// template (and <c>Template</c> is not false), its settings are the base the request's settings are merged over
/// and its sample documents go into the new tenant's knowledge base.
/// </summary>
public sealed class TenantProvisioning(AppDbContext db, TenantScope scope, CredentialStore credentials, AuditLog audit)
{
    public sealed record Request(
        string Slug, string Name, string? Sector = null, string? Plan = null, string? Timezone = null, string? Language = null,
        string? Currency = null, string? Isolation = null, JsonObject? Settings = null, OwnerRequest? Owner = null,
        bool? Template = null)
    {
        public void Validate(ValidationErrors errors)
        {
            errors.When(!TenantValidation.IsValidSlug(Slug), "slug", "slug must be lowercase letters, digits and dashes (1-63), e.g. benova.");
            errors.When(string.IsNullOrWhiteSpace(Name) || Name.Length > 200, "name", "name must have 1 to 200 characters.");
            new TenantPatch(null, Sector, Timezone, Language, Currency, null).Validate(errors);
            errors.When(Isolation is not (null or "shared" or "dedicated"), "isolation", "isolation must be shared or dedicated.");
            if (Owner is not null)
            {
                errors.When(string.IsNullOrWhiteSpace(Owner.Email) || !EmailAddress.IsValid(Owner.Email), "owner.email", "owner.email must be a valid email.");
                errors.When(Owner.Password is null || Owner.Password.Length < Passwords.MinLength, "owner.password",
                    $"owner.password must have at least {Passwords.MinLength} characters.");
            }
        }
    }

    public sealed record OwnerRequest(string? Email, string? Password, string? Name);

    public sealed record Result(Tenant Tenant, User? Owner, ApiKey? KeyRow, string? Key, IReadOnlySet<string> SecretNames);

    /// <summary>Creates the tenant, or answers the problem (409 duplicate, 422 unknown plan) without creating anything.</summary>
    public async Task<(Result? Created, IResult? Problem)> CreateAsync(Request request, bool createKey = true, CancellationToken cancellationToken = default)
    {
        var slug = request.Slug.Trim().ToLowerInvariant();
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken))
        {
            return (null, Problems.Conflict($"The slug '{slug}' is taken."));
        }
        var plan = request.Plan ?? "free";
        if (!await db.Plans.AnyAsync(p => p.Name == plan, cancellationToken))
        {
            return (null, Problems.Unprocessable($"There is no plan named '{plan}'."));
        }
        if (request.Isolation == "dedicated")
        {
            return (null, Problems.Unprocessable("Dedicated isolation (a database per tenant) is not available in this version; use shared."));
        }
        var ownerEmail = request.Owner?.Email is { } e ? CredentialStore.NormalizeEmail(e) : null;
        if (ownerEmail is not null && await credentials.EmailInUseAsync(ownerEmail, cancellationToken))
        {
            return (null, Problems.Conflict($"A user with the email '{ownerEmail}' already exists."));
        }

        var settings = TenantSettings.Defaults(request.Name.Trim());
        var template = request.Template == false ? null : SectorTemplates.Find(request.Sector);
        var language = request.Language ?? "es";
        if (template is not null)
        {
            settings = (JsonObject)JsonMergePatch.Apply(settings, TemplateSettings.Base(template, language))!;
        }
        var secrets = new Dictionary<string, string?>();
        if (request.Settings is not null)
        {
            var patch = (JsonObject)request.Settings.DeepClone();
            secrets = TenantSettings.ExtractSecrets(patch);
            settings = JsonMergePatch.Apply(settings, patch) as JsonObject ?? settings;
            var errors = new ValidationErrors();
            TenantSettings.Validate(settings, errors);
            if (errors.Any)
            {
                return (null, Problems.Validation(errors.ToDictionary()));
            }
        }
        if (template is not null)
        {
            TemplateSettings.AddGreeting(settings, template, request.Name.Trim(), language);
        }

        var tenant = new Tenant
        {
            Slug = slug,
            Name = request.Name.Trim(),
            Sector = request.Sector?.Trim().ToLowerInvariant() ?? "general",
            Plan = plan,
            Timezone = request.Timezone ?? "UTC",
            Language = language,
            Currency = request.Currency ?? "USD",
            SettingsJson = TenantSettings.Serialize(settings),
        };
        db.Tenants.Add(tenant);
        audit.Record("tenant.created", tenant.Id, slug, new { plan, owner = ownerEmail, template = template?.Sector });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two creations raced for the slug; the unique index kept one.
            return (null, Problems.Conflict($"The slug '{slug}' is taken."));
        }

        try
        {
            var result = await scope.RunAsync(tenant.Id, async services =>
            {
                var tenantDb = services.GetRequiredService<AppDbContext>();
                User? owner = null;
                if (request.Owner is not null)
                {
                    owner = new User
                    {
                        Email = ownerEmail!,
                        Name = string.IsNullOrWhiteSpace(request.Owner.Name) ? ownerEmail! : request.Owner.Name.Trim(),
                        Role = Roles.Owner,
                        PasswordHash = Passwords.Hash(request.Owner.Password!),
                    };
                    tenantDb.Users.Add(owner);
                }
                var (keyRow, key) = createKey ? ApiKeyEndpoints.NewKey("default", ApiKeyKind.Secret) : (null, null);
                if (keyRow is not null)
                {
                    tenantDb.ApiKeys.Add(keyRow);
                }
                var store = services.GetRequiredService<TenantSecretStore>();
                foreach (var (name, value) in secrets.Where(s => s.Value is not null))
                {
                    await store.SetAsync(name, value!, cancellationToken);
                }
                await tenantDb.SaveChangesAsync(cancellationToken);
                if (template is not null)
                {
                    await TemplateDocuments.AddAsync(template, language, services.GetRequiredService<KnowledgeBase>(), tenantDb, cancellationToken);
                }
                return new Result(tenant, owner, keyRow, key, secrets.Where(s => s.Value is not null).Select(s => s.Key).ToHashSet());
            }, cancellationToken);
            return (result, null);
        }
        catch (DbUpdateException)
        {
            // The owner's email was taken in a race: leave no half-made tenant.
            await RemoveAsync(tenant);
            return (null, Problems.Conflict($"A user with the email '{ownerEmail}' already exists."));
        }
        catch
        {
            await RemoveAsync(tenant);
            throw;
        }
    }

    private async Task RemoveAsync(Tenant tenant)
    {
        db.Tenants.Remove(tenant);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
