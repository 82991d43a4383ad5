using Conversa.Api.Features.Chat;
using Conversa.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// Problems under <c>/v1</c> are problem+json like everywhere else and also carry OpenAI's
/// <c>error: {message, type, param, code}</c>, so both kinds of client read them. Attached to every problem written
/// for a <c>/v1</c> request (the tenancy middleware's 401s, body-size 413s, bad JSON) through
/// <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>; the endpoints' own problems carry it from the start,
/// so it is there even when the client's <c>Accept</c> keeps the problem-details writer out.
/// </summary>
public static class OpenAiErrors
{
    private const string InsufficientQuota = "insufficient_quota";

    public static void AddOpenAiErrors(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.HttpContext.Request.Path.StartsWithSegments("/v1"))
                {
                    Attach(context.ProblemDetails);
                }
            };
        });

    public static IResult ModelNotFound(string model, IEnumerable<string> models) => Problem(
        StatusCodes.Status404NotFound, "Not found", "model-not-found",
        $"The model '{model}' does not exist: this tenant's models are {string.Join(", ", models)}.");

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", "bad-request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", "not-found", detail);

    /// <summary>
    /// The message quota's 429 with OpenAI's own error for an exhausted quota (<c>insufficient_quota</c> as type and
    /// code), which clients tell apart from a rate limit worth retrying soon.
    /// </summary>
    public static IResult QuotaExceeded(string detail, TimeSpan retryAfter, HttpContext http)
    {
        Problems.SetRetryAfter(http, retryAfter);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Type = Problems.TypeBase + QuotaProblem.Type,
            Detail = detail,
        };
        problem.Extensions["error"] = new OpenAiError(detail, InsufficientQuota, null, InsufficientQuota);
        return TypedResults.Problem(problem);
    }

    /// <summary>The same validation problem as <see cref="Problems.Validation(IDictionary{string, string[]})"/>, with the first field as OpenAI's <c>param</c>.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Validation failed",
            Type = Problems.TypeBase + "validation",
            Detail = "One or more fields are invalid: " + string.Join(" ", errors.Values.SelectMany(m => m)),
        };
        Attach(problem);
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult Problem(int status, string title, string type, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Type = Problems.TypeBase + type, Detail = detail };
        Attach(problem);
        return TypedResults.Problem(problem);
    }

    private static void Attach(ProblemDetails problem)
    {
        if (problem.Extensions.ContainsKey("error"))
        {
            return;
        }
        var param = problem is HttpValidationProblemDetails validation ? validation.Errors.Keys.FirstOrDefault() : null;
        problem.Extensions["error"] = new OpenAiError(problem.Detail ?? problem.Title ?? "The request failed.", Type(problem.Status), param, Code(problem));
    }

    private static string Type(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    /// <summary>OpenAI's codes where clients match on them (<c>invalid_api_key</c>, <c>model_not_found</c>), else the problem type's name.</summary>
    private static string? Code(ProblemDetails problem) =>
        problem.Status == StatusCodes.Status401Unauthorized ? "invalid_api_key"
        : problem.Type is { } type && type.StartsWith(Problems.TypeBase, StringComparison.Ordinal) ? type[Problems.TypeBase.Length..].Replace('-', '_')
        : null;
}

/// <summary>OpenAI's error object.</summary>
public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
