using Conversa.Api.Hosting;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Personal;

namespace Conversa.Api.Features.Personal;

/// <summary>How agenda outcomes answer over HTTP: field errors 400, someone else's or a missing item 404, conflicts 409.</summary>
internal static class PersonalResults
{
    public static IResult Answer<T>(AgendaResult<T> result, string notFound, Func<T, IResult> ok) where T : class =>
        result.Outcome switch
        {
            AgendaOutcome.Ok => ok(result.Value!),
            AgendaOutcome.Invalid => Invalid(result.Errors, new ValidationErrors()),
            AgendaOutcome.NotFound => Problems.NotFound(notFound),
            AgendaOutcome.Conflict => Problems.Conflict(result.Detail!),
            _ => Problems.Forbidden("Your user no longer exists in this tenant."),
        };

    /// <summary>
    /// The reader's errors (wrong types, unreadable times) with the draft's rule errors for the other fields: a
    /// field that could not be read is not also reported as missing.
    /// </summary>
    public static IResult Invalid(IReadOnlyList<FieldError> draftErrors, ValidationErrors readErrors)
    {
        var read = readErrors.ToDictionary();
        foreach (var error in draftErrors.Where(e => !read.ContainsKey(e.Field)))
        {
            readErrors.Add(error.Field, error.Message);
        }
        return Problems.Validation(readErrors.ToDictionary());
    }
}
