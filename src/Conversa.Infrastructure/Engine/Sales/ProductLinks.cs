using Conversa.Core.Catalog;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// The short link (<c>/l/{code}</c>) the assistant sends for a product page, tagged <c>utm_source=conversa</c>,
/// <c>utm_medium=chat</c>, <c>utm_campaign=sales</c> so the tenant sees which visits the chat brought. One link per
/// page and tags is reused, so its click count means something and the table does not grow with every question.
/// The address starts with <see cref="ConversaOptions.PublicUrl"/>, else the host of the request being answered.
/// </summary>
public sealed class ProductLinks(AppDbContext db, ConversaOptions options, IHttpContextAccessor http)
{
    public static readonly UtmTags Tags = new("conversa", "chat", "sales");

    private const int CodeAttempts = 5;

    public async Task<string> ShortUrlAsync(string url, CancellationToken cancellationToken)
    {
        var code = await db.ShortLinks.AsNoTracking()
            .Where(l => l.Url == url && l.UtmSource == Tags.Source && l.UtmMedium == Tags.Medium && l.UtmCampaign == Tags.Campaign)
            .OrderBy(l => l.CreatedAt).Select(l => l.Code).FirstOrDefaultAsync(cancellationToken)
            ?? await CreateAsync(url, cancellationToken);
        return BaseUrl() + "/l/" + code;
    }

    private async Task<string> CreateAsync(string url, CancellationToken cancellationToken)
    {
        var link = new ShortLink { Url = url, UtmSource = Tags.Source, UtmMedium = Tags.Medium, UtmCampaign = Tags.Campaign };
        db.ShortLinks.Add(link);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                link.Code = ShortLinkCode.New();
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return link.Code;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < CodeAttempts)
                {
                    // Another tenant's link already has this code: draw another.
                }
            }
        }
        finally
        {
            // The engine's context is shared by the turn: leave nothing of ours tracked for its later saves.
            db.Entry(link).State = EntityState.Detached;
        }
    }

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/');
        }
        return http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : "";
    }
}
