using Conversa.Core.Language;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Describes an image a customer sent with the scope's tenant's chat model (an image content part: the model must
/// see images), so the assistant can answer it as text. The call is metered, timed out and its failure reported
/// like any other model call (see <see cref="ChatModels"/>); the builtin engine cannot see, so without a configured
/// model there is no description.
/// </summary>
public sealed class ImageDescriber(AppDbContext db, TenantSecretStore secrets, ChatModels models)
{
    public const int MaxDescriptionTokens = 300;

    public async Task<MediaReading> DescribeAsync(ReadOnlyMemory<byte> image, string mediaType, string? caption, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.SettingsJson, t.Language }).FirstAsync(cancellationToken);
        var model = await models.ResolveAsync(db, secrets, tenant.SettingsJson, cancellationToken);
        if (model.Client is null)
        {
            return MediaReading.NotConfigured(model.FallbackReason is { } reason
                ? $"No vision model can be used: {reason}."
                : "No vision model is configured: images need a chat model that sees images (settings.ai, or the platform's Conversa:Ai).");
        }
        var language = caption is null
            ? SupportedLanguages.Normalize(tenant.Language)
            : LanguageDetector.Detect(caption, SupportedLanguages.Normalize(tenant.Language)).Language;
        var prompt = caption is null ? Instructions(language) : $"{Instructions(language)}\n\nThe customer wrote with it: {caption}";
        var response = await model.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent(prompt), new DataContent(image, mediaType)])],
            new ChatOptions { MaxOutputTokens = MaxDescriptionTokens, Temperature = 0 },
            cancellationToken);
        if (response.FallbackReason() is { } failure)
        {
            return MediaReading.Failed(failure);
        }
        var text = response.Text.Trim();
        return text.Length == 0 ? MediaReading.Failed("the vision model returned no description") : new MediaReading(text);
    }

    private static string Instructions(string language) =>
        "A customer sent this image to a business's assistant. Describe what it shows in one to three plain sentences, " +
        "as facts the assistant can act on: the product, service or problem shown, and any readable text, brand, size or price. " +
        $"Write in {LanguageName(language)}. No greeting, no advice.";

    private static string LanguageName(string language) => language switch
    {
        SupportedLanguages.Portuguese => "Portuguese",
        SupportedLanguages.English => "English",
        _ => "Spanish",
    };
}
