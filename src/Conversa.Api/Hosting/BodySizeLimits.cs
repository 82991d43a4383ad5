using Conversa.Infrastructure.Configuration;
using Microsoft.AspNetCore.Http.Features;

namespace Conversa.Api.Hosting;

/// <summary>JSON bodies up to 1 MiB, uploads (multipart and raw files) up to 20 MiB; beyond → 413 before reading.</summary>
public sealed class BodySizeLimits(RequestDelegate next, ConversaOptions options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.Request.HasFormContentType || !IsJson(http.Request.ContentType) ||
                    http.GetEndpoint()?.Metadata.GetMetadata<LargeJsonBody>() is not null
            ? options.MaxUploadBytes
            : options.MaxJsonBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The request body is {http.Request.ContentLength} bytes; this endpoint accepts at most {limit}.",
                "payload-too-large").ExecuteAsync(http);
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(http);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Marks an endpoint whose JSON body may be as large as an upload (tenant import documents).</summary>
public sealed record LargeJsonBody
{
    public static readonly LargeJsonBody Instance = new();
}
