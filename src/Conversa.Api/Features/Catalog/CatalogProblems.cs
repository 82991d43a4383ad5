using Conversa.Api.Hosting;
using Conversa.Core.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conversa.Api.Features.Catalog;

/// <summary>The catalog's problems: field errors from Core rules as 400, a rejected snapshot as 422.</summary>
internal static class CatalogProblems
{
    public static IResult? Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? null : Problems.Validation(ToDictionary(errors));

    /// <summary>A snapshot with invalid items: 422 (the JSON was fine, its content is not) with per-item <c>errors</c>.</summary>
    public static ProblemHttpResult InvalidSnapshot(IReadOnlyList<FieldError> errors)
    {
        var dictionary = ToDictionary(errors);
        return TypedResults.Problem(new HttpValidationProblemDetails(dictionary)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid catalog",
            Type = Problems.TypeBase + "invalid-catalog",
            Detail = $"The catalog was not published: {dictionary.Count} field(s) are invalid, e.g. {dictionary.Keys.First()}. Nothing was changed.",
        });
    }

    public static IResult SkuTaken(string sku) => Problems.Conflict($"Another product already has the sku '{sku}'.");

    private static Dictionary<string, string[]> ToDictionary(IReadOnlyList<FieldError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
