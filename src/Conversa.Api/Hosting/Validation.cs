namespace Conversa.Api.Hosting;

/// <summary>A request body that can check itself; <see cref="ValidationFilter"/> runs it before the handler.</summary>
public interface IValidatable
{
    void Validate(ValidationErrors errors);
}

/// <summary>Collects field errors in snake_case field names, as clients see them.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
    }

    public void When(bool invalid, string field, string message)
    {
        if (invalid)
        {
            Add(field, message);
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>The one validation filter: every <see cref="IValidatable"/> argument is checked, failures are 400 with <c>errors</c>.</summary>
public static class ValidationFilter
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var positions = context.MethodInfo.GetParameters()
            .Select((p, i) => (p, i))
            .Where(x => typeof(IValidatable).IsAssignableFrom(x.p.ParameterType))
            .Select(x => x.i)
            .ToArray();
        if (positions.Length == 0)
        {
            return next;
        }
        return async invocation =>
        {
            var errors = new ValidationErrors();
            foreach (var position in positions)
            {
                if (invocation.Arguments[position] is not IValidatable body)
                {
                    return Problems.BadRequest("A JSON body is required.");
                }
                body.Validate(errors);
            }
            return errors.Any ? Problems.Validation(errors.ToDictionary()) : await next(invocation);
        };
    }
}
