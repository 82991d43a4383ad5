using Conversa.Core.Catalog;

namespace Conversa.Infrastructure.Personal;

public enum AgendaOutcome
{
    Ok,
    /// <summary>The draft broke a rule; <see cref="AgendaResult{T}.Errors"/> names the fields.</summary>
    Invalid,
    /// <summary>No such item for this user (it may exist for someone else: that is never told apart).</summary>
    NotFound,
    /// <summary>The change collides with other data (a phone another user linked).</summary>
    Conflict,
    /// <summary>The user the work is for is not a user of this tenant (deleted meanwhile, or never was).</summary>
    UnknownUser,
}

/// <summary>What a change to the personal agenda came to: the item, or why not.</summary>
public sealed record AgendaResult<T>(AgendaOutcome Outcome, T? Value, IReadOnlyList<FieldError> Errors, string? Detail)
    where T : class;

/// <summary>Builds <see cref="AgendaResult{T}"/>s.</summary>
public static class AgendaResult
{
    public static AgendaResult<T> Ok<T>(T value) where T : class => new(AgendaOutcome.Ok, value, [], null);

    public static AgendaResult<T> Invalid<T>(IReadOnlyList<FieldError> errors) where T : class => new(AgendaOutcome.Invalid, null, errors, null);

    public static AgendaResult<T> NotFound<T>() where T : class => new(AgendaOutcome.NotFound, null, [], null);

    public static AgendaResult<T> Conflict<T>(string detail) where T : class => new(AgendaOutcome.Conflict, null, [], detail);

    public static AgendaResult<T> UnknownUser<T>() where T : class =>
        new(AgendaOutcome.UnknownUser, null, [], "The user is not a user of this tenant.");
}
