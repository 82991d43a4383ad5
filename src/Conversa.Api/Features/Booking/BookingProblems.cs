using Conversa.Api.Hosting;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Booking;

namespace Conversa.Api.Features.Booking;

/// <summary>
/// Booking's problems. Malformed input is 400 with <c>errors</c> (the one validation filter); a well-formed id in a
/// body or query that names nothing in this tenant (or something unusable, like an inactive service) is 422 with
/// <c>errors</c> naming the field; a booking id in the path that is not this tenant's is 404; a taken time is 409.
/// </summary>
internal static class BookingProblems
{
    public static IResult? Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? null : Problems.Validation(errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));

    /// <summary>422 with <c>errors</c>: the JSON was fine, but a field names something this tenant cannot use.</summary>
    public static IResult Unusable(IDictionary<string, string[]> errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Unprocessable entity",
            Type = Problems.TypeBase + "unprocessable-entity",
            Detail = detail,
        });

    public static IResult From(BookingFailure failure) => failure.Kind switch
    {
        BookingFailureKind.NotFound => Problems.NotFound(failure.Detail),
        BookingFailureKind.InvalidField => Unusable(new Dictionary<string, string[]> { [failure.Field!] = [failure.Detail] }, failure.Detail),
        BookingFailureKind.Refused => Problems.Unprocessable(failure.Detail),
        BookingFailureKind.Conflict => Problems.Conflict(failure.Detail),
        BookingFailureKind.Forbidden => Problems.Forbidden(failure.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
    };
}
