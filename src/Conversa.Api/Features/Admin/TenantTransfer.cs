using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Audit;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

/// <summary>
/// Export, import and deletion of a whole tenant. Export walks every tenant-owned table of the model, so a
/// feature's new tables are included without touching this class; import gives every row a new id (keeping
/// references between rows) so a tenant can be restored beside its original under another slug.
/// </summary>
public sealed class TenantTransfer(
    AppDbContext db, TenantScope scope, TenantDirectory directory, CredentialStore credentials, SecretProtector protector,
    AuditLog audit, ConversaOptions options, ShortLinkDirectory shortLinks, ChatwootDirectory chatwoot,
    WhatsAppNumberDirectory whatsAppNumbers, TenantReadCache readCache)
{
    public const string Format = "conversa.tenant-export";
    public const int Version = 1;

    private static readonly MethodInfo ReadTableMethod = typeof(TenantTransfer).GetMethod(nameof(ReadTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ParseTableMethod = typeof(TenantTransfer).GetMethod(nameof(ParseTable), BindingFlags.NonPublic | BindingFlags.Static)!;

    public sealed record ImportResult(Features.Tenants.TenantView Tenant, Dictionary<string, int> Imported, List<string> Skipped);

    public async Task<JsonObject> ExportAsync(TenantInfo info, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == info.Id, cancellationToken);
        var tables = await scope.RunDbAsync(info.Id, async tenantDb =>
        {
            var data = new JsonObject();
            foreach (var entity in TenantOwnedTypes(tenantDb))
            {
                var rows = await (Task<JsonArray>)ReadTableMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [tenantDb, cancellationToken])!;
                data[entity.GetTableName()!] = rows;
            }
            return data;
        }, cancellationToken);
        var auditRows = await db.AuditEvents.AsNoTracking().Where(a => a.TenantId == info.Id).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        tables["audit_events"] = JsonSerializer.SerializeToNode(auditRows, JsonDefaults.Options);

        audit.Record("tenant.exported", info.Id, info.Slug);
        await db.SaveChangesAsync(cancellationToken);
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["exported_at"] = DateTime.UtcNow,
            ["tenant"] = JsonSerializer.SerializeToNode(tenant, JsonDefaults.Options),
            ["data"] = tables,
        };
    }

    public async Task<(ImportResult? Result, IResult? Problem)> ImportAsync(JsonObject document, string? slug, CancellationToken cancellationToken)
    {
        if (document["format"] is not JsonValue format || !format.TryGetValue<string>(out var f) || f != Format ||
            document["tenant"] is not JsonObject tenantNode)
        {
            return (null, Problems.Unprocessable($"The body is not a tenant export (format '{Format}')."));
        }
        if (document["version"] is not JsonValue version || !version.TryGetValue<int>(out var v) || v > Version)
        {
            return (null, Problems.Unprocessable($"Export version not supported; this server reads up to version {Version}."));
        }
        Tenant? source;
        try
        {
            source = tenantNode.Deserialize<Tenant>(JsonDefaults.Options);
        }
        catch (JsonException e)
        {
            return (null, Problems.Unprocessable("The exported tenant is malformed: " + e.Message));
        }
        if (source is null)
        {
            return (null, Problems.Unprocessable("The export has no tenant."));
        }
        if (string.IsNullOrWhiteSpace(source.Name) || source.Sector is null || source.Timezone is null || source.Language is null ||
            source.Currency is null || source.Plan is null || !IsJsonObject(source.SettingsJson) ||
            (source.LimitsJson is not null && !IsJsonObject(source.LimitsJson)))
        {
            return (null, Problems.Unprocessable("The exported tenant is incomplete: name, sector, plan, timezone, language, currency and settings are required."));
        }
        var newSlug = slug ?? source.Slug;
        if (!TenantValidation.IsValidSlug(newSlug))
        {
            return (null, Problems.Unprocessable($"The export's slug '{newSlug}' is not valid; import it under another with ?slug=."));
        }
        if (await db.Tenants.AnyAsync(t => t.Slug == newSlug, cancellationToken))
        {
            return (null, Problems.Conflict($"The slug '{newSlug}' is taken; import under another with ?slug=."));
        }
        var oldTenantId = source.Id;
        var tenant = new Tenant
        {
            Slug = newSlug,
            Name = source.Name,
            Sector = source.Sector,
            Plan = await db.Plans.AnyAsync(p => p.Name == source.Plan, cancellationToken) ? source.Plan : "free",
            Status = source.Status,
            Timezone = source.Timezone,
            Language = source.Language,
            Currency = source.Currency,
            SettingsJson = source.SettingsJson,
            LimitsJson = source.LimitsJson,
            Isolation = TenantIsolation.Shared,
        };

        var data = document["data"] as JsonObject ?? [];
        var rowsByType = new List<(Type Type, string Table, List<object> Rows)>();
        try
        {
            foreach (var entity in TenantOwnedTypes(db))
            {
                var table = entity.GetTableName()!;
                if (data[table] is not (null or JsonArray))
                {
                    return (null, Problems.Unprocessable($"The table '{table}' in the export is not a list of rows."));
                }
                var rows = data[table] is JsonArray array
                    ? (List<object>)ParseTableMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [array])!
                    : [];
                rowsByType.Add((entity.ClrType, table, rows));
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is JsonException json)
        {
            return (null, Problems.Unprocessable("A table in the export is malformed: " + json.Message));
        }
        List<AuditEvent> auditRows;
        try
        {
            auditRows = data["audit_events"]?.Deserialize<List<AuditEvent>>(JsonDefaults.Options) ?? [];
        }
        catch (JsonException json)
        {
            return (null, Problems.Unprocessable("The audit events in the export are malformed: " + json.Message));
        }

        var skipped = new List<string>();
        await DropConflictsAsync(rowsByType, oldTenantId, tenant.Id, skipped, cancellationToken);
        var idMap = rowsByType.SelectMany(t => t.Rows).Select(IdOf).Where(id => id is not null)
            .ToDictionary(id => id!.Value, _ => Guid.CreateVersion7());
        idMap[oldTenantId] = tenant.Id;
        foreach (var row in rowsByType.SelectMany(t => t.Rows))
        {
            RemapGuids(row, idMap);
        }

        db.Tenants.Add(tenant);
        foreach (var a in auditRows)
        {
            a.Id = Guid.CreateVersion7();
            a.TenantId = tenant.Id;
            db.AuditEvents.Add(a);
        }
        audit.Record("tenant.imported", tenant.Id, newSlug, new { from = source.Slug, skipped });
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await scope.RunDbAsync(tenant.Id, async tenantDb =>
            {
                foreach (var (_, _, rows) in rowsByType)
                {
                    tenantDb.AddRange(rows);
                }
                await tenantDb.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
        }
        catch
        {
            db.Tenants.Remove(tenant);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        foreach (var key in rowsByType.SelectMany(t => t.Rows).OfType<ApiKey>())
        {
            credentials.EvictApiKey(key.KeyHash); // a restored key may have been remembered as unknown
        }
        chatwoot.Invalidate(); // a restored Chatwoot channel's account may have been remembered as unknown
        var secretNames = rowsByType.SelectMany(t => t.Rows).OfType<TenantSecret>().Select(s => s.Name).ToHashSet();
        return (new ImportResult(
            Features.Tenants.TenantView.From(tenant, secretNames),
            rowsByType.ToDictionary(t => t.Table, t => t.Rows.Count),
            skipped), null);
    }

    /// <summary>Deletes the tenant row (every tenant table cascades from it), its audit trail and its files.</summary>
    public async Task DeleteAsync(TenantInfo info, CancellationToken cancellationToken)
    {
        var keyHashes = await scope.RunDbAsync(info.Id, tenantDb => tenantDb.ApiKeys.Select(k => k.KeyHash).ToListAsync(cancellationToken), cancellationToken);
        var userIds = await scope.RunDbAsync(info.Id, tenantDb => tenantDb.Users.Select(u => u.Id).ToListAsync(cancellationToken), cancellationToken);
        await db.AuditEvents.Where(a => a.TenantId == info.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Tenants.Where(t => t.Id == info.Id).ExecuteDeleteAsync(cancellationToken);
        audit.Record("tenant.deleted", null, info.Slug, new { tenant_id = info.Id });
        await db.SaveChangesAsync(cancellationToken);

        directory.Invalidate(info.Id);
        chatwoot.Invalidate();
        readCache.Invalidate(info.Id); // the bulk delete above is not a tracked save
        keyHashes.ForEach(credentials.EvictApiKey);
        userIds.ForEach(credentials.EvictUser);
        var files = Path.Combine(Path.GetFullPath(options.DataDir), "tenants", info.Id.ToString());
        if (Directory.Exists(files))
        {
            Directory.Delete(files, recursive: true);
        }
    }

    /// <summary>Rows that cannot coexist with the platform's (emails and key hashes are unique everywhere) are left out and named.</summary>
    private async Task DropConflictsAsync(
        List<(Type Type, string Table, List<object> Rows)> tables, Guid oldTenantId, Guid newTenantId, List<string> skipped,
        CancellationToken cancellationToken)
    {
        var dropped = new HashSet<Guid>();
        foreach (var (_, _, rows) in tables)
        {
            for (var i = rows.Count - 1; i >= 0; i--)
            {
                switch (rows[i])
                {
                    case User user when await credentials.EmailInUseAsync(user.Email, cancellationToken):
                        Drop(rows, i, $"user {user.Email}: email already in use");
                        break;
                    case ApiKey key when await credentials.KeyHashInUseAsync(key.KeyHash, cancellationToken):
                        Drop(rows, i, $"api key {key.Prefix}: the same key exists");
                        break;
                    case Core.Catalog.ShortLink link when await shortLinks.CodeInUseAsync(link.Code, cancellationToken):
                        Drop(rows, i, $"short link {link.Code}: the code is in use on this platform");
                        break;
                    case Core.Channels.WhatsAppChannel number
                        when await whatsAppNumbers.LookUpAsync(number.PhoneNumberId, cancellationToken) is { } holder && holder != newTenantId:
                        Drop(rows, i, $"whatsapp number {number.PhoneNumberId}: another tenant holds it");
                        break;
                    case Core.Channels.Chatwoot.ChatwootChannel channel
                        when await chatwoot.HeldByAnotherTenantAsync(newTenantId, channel.BaseUrl, channel.AccountId, channel.InboxId, cancellationToken):
                        Drop(rows, i, $"chatwoot channel {channel.RoutingKey} of {channel.BaseUrl}: another tenant answers that account and inbox");
                        break;
                    case TenantSecret secret:
                        try
                        {
                            // Secrets are bound to their tenant id: re-encrypt for the new one.
                            secret.Ciphertext = protector.Protect(newTenantId, secret.Name,
                                protector.Unprotect(oldTenantId, secret.Name, secret.Ciphertext));
                        }
                        catch (System.Security.Cryptography.CryptographicException)
                        {
                            Drop(rows, i, $"secret {secret.Name}: encrypted with another master key");
                        }
                        break;
                }
            }
        }
        foreach (var (_, table, rows) in tables)
        {
            // Undelivered messages of the exported tenant are its outbox's business, not the copy's: sent again from
            // here they would reach customers twice (or late). Sent and failed rows stay as the delivery history.
            var undelivered = rows.RemoveAll(r => r is Core.Channels.OutboxEntry { Status: Core.Channels.OutboxStatus.Pending });
            if (undelivered > 0)
            {
                skipped.Add($"{undelivered} {table} rows: undelivered messages are not sent again by an import");
            }
        }
        DropDependents(tables, dropped, skipped);

        void Drop(List<object> rows, int i, string why)
        {
            skipped.Add(why);
            dropped.Add(IdOf(rows[i]) ?? Guid.Empty);
            rows.RemoveAt(i);
        }
    }

    /// <summary>
    /// Leaves out rows that refer to a left-out row (a skipped user's tasks, their reminders, ...): kept, they
    /// would point at the original tenant's row under its old id. Repeats until nothing more refers to a gap.
    /// </summary>
    private static void DropDependents(List<(Type Type, string Table, List<object> Rows)> tables, HashSet<Guid> dropped, List<string> skipped)
    {
        bool more;
        do
        {
            more = false;
            foreach (var (_, table, rows) in tables)
            {
                var removed = rows.RemoveAll(row => References(row).Any(dropped.Contains) && dropped.Add(IdOf(row) ?? Guid.Empty));
                if (removed > 0)
                {
                    skipped.Add($"{removed} {table} rows: they belong to a skipped row");
                    more = true;
                }
            }
        }
        while (more);
    }

    private static IEnumerable<Guid> References(object row) =>
        row.GetType().GetProperties()
            .Where(p => p.Name != "Id" && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)))
            .Select(p => p.GetValue(row)).OfType<Guid>();

    private static IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IEntityType> TenantOwnedTypes(AppDbContext context) =>
        context.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).OrderBy(e => e.GetTableName(), StringComparer.Ordinal);

    private static async Task<JsonArray> ReadTableAsync<T>(AppDbContext tenantDb, CancellationToken cancellationToken) where T : class
    {
        var rows = await tenantDb.Set<T>().AsNoTracking().ToListAsync(cancellationToken);
        return (JsonArray)JsonSerializer.SerializeToNode(rows, JsonDefaults.Options)!;
    }

    private static List<object> ParseTable<T>(JsonArray rows) =>
        (rows.Deserialize<List<T>>(JsonDefaults.Options) ?? []).Cast<object>().ToList();

    private static bool IsJsonObject(string? json)
    {
        try
        {
            return json is not null && JsonNode.Parse(json) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Guid? IdOf(object row) => row.GetType().GetProperty("Id")?.GetValue(row) as Guid?;

    private static void RemapGuids(object row, Dictionary<Guid, Guid> map)
    {
        foreach (var property in row.GetType().GetProperties().Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(Guid) && property.GetValue(row) is Guid g && map.TryGetValue(g, out var mapped))
            {
                property.SetValue(row, mapped);
            }
            else if (property.PropertyType == typeof(Guid?) && property.GetValue(row) is Guid n && map.TryGetValue(n, out var mappedNullable))
            {
                property.SetValue(row, mappedNullable);
            }
        }
    }
}
