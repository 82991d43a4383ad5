namespace Conversa.Api.Hosting;

/// <summary>problem+json results (RFC 9457) with the <c>type</c> URIs clients match on.</summary>
public static class Problems
{
    public const string TypeBase = "https://conversa.dev/problems/";

    public static IResult Status(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + (type ?? Slug(title)));

    public static IResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static IResult Unauthorized(string detail) => Status(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static IResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static IResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult Unprocessable(string detail) => Status(StatusCodes.Status422UnprocessableEntity, "Unprocessable entity", detail);

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
            title: "Validation failed", type: TypeBase + "validation");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult TooManyRequests(string detail, TimeSpan retryAfter, HttpContext http, string type = "rate-limited")
    {
        SetRetryAfter(http, retryAfter);
        return Status(StatusCodes.Status429TooManyRequests, "Too many requests", detail, type);
    }

    public static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}
