using System.Text.Json.Nodes;
using Conversa.Api.Features.Personal;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Channels;
using Conversa.Core.Time;
using Conversa.Infrastructure.Channels;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// <c>/api/channels/whatsapp</c> (owner, admin, secret key): the tenant's WhatsApp Cloud API number. Tokens are
/// write-only: stored encrypted, shown as <c>*_set</c>, kept when a PUT leaves them out. A number another tenant
/// holds is 409.
/// </summary>
public static class WhatsAppChannelEndpoints
{
    private const string NoneConfigured = "This tenant has no WhatsApp number configured: PUT /api/channels/whatsapp sets one.";

    public static void MapWhatsAppChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var channel = app.MapGroup("/api/channels/whatsapp").RequireTenantManager().WithTags("Channels");
        channel.MapGet("", Get).Produces<WhatsAppChannelView>();
        channel.MapPut("", Put).Accepts<WhatsAppChannelRequest>("application/json").Produces<WhatsAppChannelView>();
        channel.MapDelete("", Delete).Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>The body of <c>PUT /api/channels/whatsapp</c> (documentation only; the handler reads fields by hand).</summary>
    public sealed record WhatsAppChannelRequest(
        string PhoneNumberId, string WabaId, string? DisplayPhoneNumber, string? AccessToken, string? AppSecret, string? VerifyToken,
        WhatsAppTemplateView? ReminderTemplate);

    private static async Task<IResult> Get(WhatsAppChannels channels, AppDbContext db, CancellationToken cancellationToken) =>
        await channels.FindAsync(cancellationToken) is { } channel
            ? TypedResults.Ok(await ViewAsync(channel, channels, db, cancellationToken))
            : Problems.NotFound(NoneConfigured);

    private static async Task<IResult> Put(JsonObject body, WhatsAppChannels channels, AppDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var input = Read(new JsonFields(body, errors));
        if (errors.Any || input is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        switch (await channels.SaveAsync(input, cancellationToken))
        {
            case WhatsAppSaveResult.Conflict:
                return Problems.Conflict($"The WhatsApp number {input.PhoneNumberId} is configured by another tenant.");
            case WhatsAppSaveResult.MissingAccessToken:
                return Problems.Validation("access_token", "access_token is required: the Graph API token WhatsApp replies are sent with.");
        }
        var saved = await channels.FindAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(saved!, channels, db, cancellationToken));
    }

    private static async Task<IResult> Delete(WhatsAppChannels channels, CancellationToken cancellationToken) =>
        await channels.DeleteAsync(cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(NoneConfigured);

    private static WhatsAppChannelInput? Read(JsonFields fields)
    {
        var phoneNumberId = Id(fields, "phone_number_id");
        var wabaId = Id(fields, "waba_id");
        var display = fields.String("display_phone_number")?.Trim();
        fields.Errors.When(display?.Length > 32, "display_phone_number", "display_phone_number is at most 32 characters.");
        var accessToken = Secret(fields, "access_token");
        var appSecret = Secret(fields, "app_secret");
        var verifyToken = Secret(fields, "verify_token");
        var template = Template(fields);
        return fields.Errors.Any || phoneNumberId is null || wabaId is null
            ? null
            : new WhatsAppChannelInput(phoneNumberId, wabaId, string.IsNullOrEmpty(display) ? null : display, accessToken, appSecret, verifyToken, template);
    }

    /// <summary>Meta's ids are digit strings; a number is accepted too, as clients sometimes send one.</summary>
    private static string? Id(JsonFields fields, string name)
    {
        var value = fields.Has(name) && fields.Body[name] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? v.ToJsonString()
            : fields.String(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            fields.Errors.Add(name, $"{name} is required.");
            return null;
        }
        if (value.Length > WhatsAppChannel.MaxIdLength || !value.All(char.IsAsciiDigit))
        {
            fields.Errors.Add(name, $"{name} must be the digits Meta shows for it (at most {WhatsAppChannel.MaxIdLength}).");
            return null;
        }
        return value;
    }

    private static string? Secret(JsonFields fields, string name)
    {
        var value = fields.String(name);
        if (value is null)
        {
            return null;
        }
        value = value.Trim();
        fields.Errors.When(value.Length == 0, name, $"{name} must not be empty; leave it out to keep the stored one.");
        fields.Errors.When(value.Length > 2048, name, $"{name} is at most 2048 characters.");
        return value.Length == 0 ? null : value;
    }

    private static WhatsAppTemplate? Template(JsonFields fields)
    {
        switch (fields.Body["reminder_template"])
        {
            case null:
                return null;
            case JsonObject template:
                var nested = new JsonFields(template, new ValidationErrors());
                var name = nested.String("name")?.Trim();
                var language = nested.String("language")?.Trim();
                if (string.IsNullOrEmpty(name) || name.Length > WhatsAppChannel.MaxTemplateNameLength ||
                    !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                {
                    fields.Errors.Add("reminder_template.name", "reminder_template.name is required: the approved template's name (lower case, digits and _).");
                }
                if (string.IsNullOrEmpty(language) || language.Length > 15 || !language.All(c => char.IsAsciiLetter(c) || c == '_' || c == '-'))
                {
                    fields.Errors.Add("reminder_template.language", "reminder_template.language is required: the template's language code, e.g. es, pt_BR, en_US.");
                }
                return fields.Errors.Any ? null : new WhatsAppTemplate(name!, language!);
            default:
                fields.Errors.Add("reminder_template", "reminder_template must be an object {name, language} or null.");
                return null;
        }
    }

    private static async Task<WhatsAppChannelView> ViewAsync(WhatsAppChannel channel, WhatsAppChannels channels, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Slug, t.Timezone }).FirstAsync(cancellationToken);
        return WhatsAppChannelView.From(channel, await channels.SecretsSetAsync(cancellationToken), tenant.Slug, ZonedTime.Zone(tenant.Timezone));
    }
}
