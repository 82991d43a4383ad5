using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>Short links with UTM tags: created per tenant, followed publicly at <c>/l/{code}</c>, clicks counted.</summary>
public static class ShortLinkEndpoints
{
    private const int CodeAttempts = 5;

    public static void MapShortLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/links").WithTags("Short links");
        links.MapPost("", Create).RequireTenantManager();
        links.MapGet("", List).RequireTenant();
        links.MapGet("/{code}", Get).RequireTenant();
        // Public: customers open these from WhatsApp; the code alone finds the tenant.
        app.MapGet("/l/{code}", Follow).AllowAnonymousGlobal().WithTags("Short links");
    }

    public sealed record CreateLinkRequest(string? Url, UtmTags? Utm) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            errors.Required("url", Url);
            errors.When(!string.IsNullOrWhiteSpace(Url) && !WebAddress.IsAbsoluteHttp(Url.Trim(), ProductInput.MaxUrlLength), "url",
                "url must be an absolute http(s) URL of at most 2048 characters.");
            errors.When(Utm?.Source?.Length > UtmTags.MaxLength, "utm.source", $"utm.source is at most {UtmTags.MaxLength} characters.");
            errors.When(Utm?.Medium?.Length > UtmTags.MaxLength, "utm.medium", $"utm.medium is at most {UtmTags.MaxLength} characters.");
            errors.When(Utm?.Campaign?.Length > UtmTags.MaxLength, "utm.campaign", $"utm.campaign is at most {UtmTags.MaxLength} characters.");
        }
    }

    public sealed record LinkView(string Code, string Url, string ShortUrl, long Clicks, UtmTags Utm, DateTime CreatedAt, DateTime? LastClickedAt)
    {
        public static LinkView From(ShortLink link, HttpRequest request) =>
            new(link.Code, link.Url, BuildShortUrl(request, link.Code), link.Clicks, link.Utm(), link.CreatedAt, link.LastClickedAt);
    }

    private static string BuildShortUrl(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}{request.PathBase}/l/{code}";

    private static async Task<IResult> Create(CreateLinkRequest request, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var utm = request.Utm?.Normalized() ?? new UtmTags();
        var link = new ShortLink
        {
            Url = request.Url!.Trim(),
            UtmSource = utm.Source,
            UtmMedium = utm.Medium,
            UtmCampaign = utm.Campaign,
        };
        db.ShortLinks.Add(link);
        for (var attempt = 1; ; attempt++)
        {
            link.Code = ShortLinkCode.New();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < CodeAttempts)
            {
                // Another tenant's link already has this code: draw another.
            }
        }
        return TypedResults.Created($"/api/links/{link.Code}", LinkView.From(link, http.Request));
    }

    private static Task<IResult> List(HttpContext http, AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken) =>
        db.ShortLinks.AsNoTracking().OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .ToPageAsync(limit, cursor, l => LinkView.From(l, http.Request), cancellationToken);

    private static async Task<IResult> Get(string code, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        await db.ShortLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, cancellationToken) is { } link
            ? TypedResults.Ok(LinkView.From(link, http.Request))
            : Problems.NotFound("No such link.");

    private static async Task<IResult> Follow(
        string code, ShortLinkDirectory links, TenantDirectory tenants, TenantScope scope, CancellationToken cancellationToken)
    {
        if (!ShortLinkCode.IsWellFormed(code) || await links.FindAsync(code, cancellationToken) is not { } target ||
            await tenants.FindAsync(target.TenantId, cancellationToken) is not { IsActive: true })
        {
            return Problems.NotFound("This link does not exist.");
        }
        var now = DateTime.UtcNow;
        await scope.RunDbAsync(target.TenantId, db => db.ShortLinks.Where(l => l.Id == target.LinkId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Clicks, l => l.Clicks + 1).SetProperty(l => l.LastClickedAt, now), cancellationToken),
            cancellationToken);
        return TypedResults.Redirect(TaggedUrl.Build(target.Url, target.Utm));
    }
}
