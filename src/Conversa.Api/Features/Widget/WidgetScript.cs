using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>GET /widget.js</c>: the embeddable script, compiled into the assembly (no static file folder to deploy). Sites
/// embed it by a fixed URL, so it is cached briefly and revalidated by its ETag (304 when unchanged).
/// </summary>
public static class WidgetScript
{
    public const string ContentType = "application/javascript; charset=utf-8";
    private const string CacheControl = "public, max-age=300";

    private static readonly Lazy<(byte[] Body, EntityTagHeaderValue ETag)> Script = new(Load);

    public static IResult Serve(HttpContext http)
    {
        var (body, etag) = Script.Value;
        var response = http.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(body, ContentType);
    }

    private static (byte[], EntityTagHeaderValue) Load()
    {
        using var stream = typeof(WidgetScript).Assembly.GetManifestResourceStream("widget/widget.js")
            ?? throw new InvalidOperationException("widget.js is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(body))[..32];
        return (body, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
