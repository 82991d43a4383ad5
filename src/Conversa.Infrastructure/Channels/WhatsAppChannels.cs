using Conversa.Core.Channels;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// The scope tenant's WhatsApp number: read, set, remove. Tokens go to <see cref="TenantSecretStore"/> (encrypted) in
/// the same save as the number. A number another tenant holds is refused; this node's directory forgets a number as
/// soon as it changes hands, and its cached app secret as soon as the channel is saved or removed.
/// </summary>
public sealed class WhatsAppChannels(
    AppDbContext db, TenantSecretStore secrets, WhatsAppNumberDirectory numbers, WhatsAppAppSecrets appSecrets, WhatsAppChannelCache cache,
    TimeProvider time)
{
    public Task<WhatsAppChannel?> FindAsync(CancellationToken cancellationToken) =>
        db.WhatsAppChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>The number as this node last read it (<see cref="WhatsAppChannelCache"/>), for handling messages; the API reads <see cref="FindAsync"/>.</summary>
    public ValueTask<WhatsAppChannel?> CurrentAsync(CancellationToken cancellationToken) => cache.NumberAsync(db, cancellationToken);

    /// <summary>
    /// The number with its access token (both as this node last read them), for sending and media downloads; null when
    /// the tenant has no number or no token. Only the token is decrypted: the webhook secrets are read one at a time by
    /// what checks them (<see cref="SecretAsync"/>).
    /// </summary>
    public async Task<WhatsAppSetup?> SetupAsync(CancellationToken cancellationToken) =>
        await CurrentAsync(cancellationToken) is { } channel &&
        await cache.AccessTokenAsync(db.CurrentTenantId, () => SecretAsync(WhatsAppChannel.AccessTokenSecret, cancellationToken)) is { } token
            ? new WhatsAppSetup(channel, token)
            : null;

    /// <summary>One of the number's secrets (<see cref="WhatsAppChannel.AccessTokenSecret"/> and the others) decrypted; null when not stored.</summary>
    public Task<string?> SecretAsync(string name, CancellationToken cancellationToken) => secrets.GetAsync(name, cancellationToken);

    /// <summary>Which of the three secrets are stored.</summary>
    public async Task<IReadOnlySet<string>> SecretsSetAsync(CancellationToken cancellationToken) =>
        (await secrets.NamesAsync(cancellationToken)).Where(n => n.StartsWith("whatsapp.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Creates or replaces the tenant's number. <see cref="WhatsAppSaveResult.Conflict"/> when another tenant holds it.</summary>
    public async Task<WhatsAppSaveResult> SaveAsync(WhatsAppChannelInput input, CancellationToken cancellationToken)
    {
        var holder = await numbers.LookUpAsync(input.PhoneNumberId, cancellationToken);
        if (holder is { } other && other != db.CurrentTenantId)
        {
            return WhatsAppSaveResult.Conflict;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var channel = await db.WhatsAppChannels.FirstOrDefaultAsync(cancellationToken);
        var created = channel is null;
        if (input.AccessToken is null && (created || !(await SecretsSetAsync(cancellationToken)).Contains(WhatsAppChannel.AccessTokenSecret)))
        {
            return WhatsAppSaveResult.MissingAccessToken;
        }
        if (channel is null)
        {
            channel = new WhatsAppChannel { CreatedAt = now };
            db.WhatsAppChannels.Add(channel);
        }
        var previousNumber = created ? null : channel.PhoneNumberId;
        channel.PhoneNumberId = input.PhoneNumberId;
        channel.WabaId = input.WabaId;
        channel.DisplayPhoneNumber = input.DisplayPhoneNumber;
        channel.ReminderTemplateName = input.ReminderTemplate?.Name;
        channel.ReminderTemplateLanguage = input.ReminderTemplate?.Language;
        channel.UpdatedAt = now;
        await SetSecretAsync(WhatsAppChannel.AccessTokenSecret, input.AccessToken, cancellationToken);
        await SetSecretAsync(WhatsAppChannel.AppSecretSecret, input.AppSecret, cancellationToken);
        await SetSecretAsync(WhatsAppChannel.VerifyTokenSecret, input.VerifyToken, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another tenant took the number between the check and the save (or a concurrent first PUT of ours won).
            db.ChangeTracker.Clear();
            return WhatsAppSaveResult.Conflict;
        }
        finally
        {
            numbers.Invalidate(input.PhoneNumberId);
            appSecrets.Invalidate(db.CurrentTenantId);
            cache.Invalidate(db.CurrentTenantId);
            if (previousNumber is not null)
            {
                numbers.Invalidate(previousNumber);
            }
        }
        return created ? WhatsAppSaveResult.Created : WhatsAppSaveResult.Updated;
    }

    /// <summary>Removes the number and its secrets; false when there was none.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        if (await db.WhatsAppChannels.FirstOrDefaultAsync(cancellationToken) is not { } channel)
        {
            return false;
        }
        db.WhatsAppChannels.Remove(channel);
        await secrets.RemoveAsync(WhatsAppChannel.AccessTokenSecret, cancellationToken);
        await secrets.RemoveAsync(WhatsAppChannel.AppSecretSecret, cancellationToken);
        await secrets.RemoveAsync(WhatsAppChannel.VerifyTokenSecret, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        numbers.Invalidate(channel.PhoneNumberId);
        appSecrets.Invalidate(channel.TenantId);
        cache.Invalidate(channel.TenantId);
        return true;
    }

    private async Task SetSecretAsync(string name, string? value, CancellationToken cancellationToken)
    {
        if (value is not null)
        {
            await secrets.SetAsync(name, value, cancellationToken);
        }
    }
}

public enum WhatsAppSaveResult
{
    Created,
    Updated,
    Conflict,
    MissingAccessToken,
}
