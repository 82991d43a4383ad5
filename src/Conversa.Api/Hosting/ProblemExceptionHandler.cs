using Microsoft.AspNetCore.Diagnostics;

namespace Conversa.Api.Hosting;

/// <summary>
/// Turns exceptions into problem+json: malformed or oversized bodies keep their 4xx status and a
/// readable detail; anything else is a 500 with no internals in the body (the log has them).
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        IResult result;
        switch (exception)
        {
            case BadHttpRequestException bad:
                var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts."
                    : Describe(bad);
                result = Problems.Status(bad.StatusCode, bad.StatusCode == 413 ? "Payload too large" : "Bad request", detail,
                    bad.StatusCode == 413 ? "payload-too-large" : "bad-request");
                break;
            case OperationCanceledException when http.RequestAborted.IsCancellationRequested:
                return true;
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                result = Problems.Status(StatusCodes.Status500InternalServerError, "Internal error",
                    "The server could not complete the request. It has been logged.", "internal");
                break;
        }
        await result.ExecuteAsync(http);
        return true;
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this endpoint: {json.Message.Split(" Path:")[0]}"
            : bad.Message;
}
