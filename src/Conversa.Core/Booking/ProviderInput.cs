using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>A provider as clients send it. Service ids are strings so a malformed one is named in the errors.</summary>
public sealed record ProviderInput(string? Name, IReadOnlyList<string>? ServiceIds = null, string? Timezone = null, bool? Active = null)
{
    public const int MaxNameLength = 200;
    public const int MaxServices = 500;

    public IReadOnlyList<FieldError> Validate(out IReadOnlyList<Guid> serviceIds)
    {
        var errors = new List<FieldError>();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError("name", "name is required."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"name is at most {MaxNameLength} characters."));
        }
        if (!string.IsNullOrWhiteSpace(Timezone) && !TenantValidation.IsValidTimezone(Timezone.Trim()))
        {
            errors.Add(new FieldError("timezone", "timezone must be an IANA zone such as America/Bogota or Europe/Madrid."));
        }
        var ids = new List<Guid>();
        var given = ServiceIds ?? [];
        if (given.Count > MaxServices)
        {
            errors.Add(new FieldError("service_ids", $"service_ids lists at most {MaxServices} services."));
        }
        for (var i = 0; i < given.Count && i < MaxServices; i++)
        {
            if (Guid.TryParse(given[i], out var id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add(new FieldError($"service_ids[{i}]", $"'{Shorten(given[i])}' is not a service id."));
            }
        }
        serviceIds = ids.Distinct().ToList();
        return errors;
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length > 40 ? value[..40] + "…" : value;
}
