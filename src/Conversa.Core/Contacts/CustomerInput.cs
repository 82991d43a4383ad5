using System.Net.Mail;
using Conversa.Core.Catalog;

namespace Conversa.Core.Contacts;

/// <summary>A customer as a booking names them. A phone or an email finds an existing contact.</summary>
public sealed record CustomerInput(string? Name, string? Phone, string? Email)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    /// <summary>The name trimmed, the phone in E.164, the email in lower case; blanks become absent.</summary>
    public CustomerInput Normalized() => new(
        Clean(Name),
        PhoneNumber.NormalizeOrNull(Phone) ?? Clean(Phone),
        Clean(Email)?.ToLowerInvariant());

    public IReadOnlyList<FieldError> Validate(string prefix)
    {
        var errors = new List<FieldError>();
        var name = Clean(Name);
        if (name is null)
        {
            errors.Add(new FieldError(prefix + "name", "name is required."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new FieldError(prefix + "name", $"name is at most {MaxNameLength} characters."));
        }
        if (Clean(Phone) is not null && !PhoneNumber.TryNormalize(Phone, out _))
        {
            errors.Add(new FieldError(prefix + "phone", "phone must be an international number with its country code, e.g. +57 300 123 4567."));
        }
        if (Clean(Email) is { } email && !IsEmail(email))
        {
            errors.Add(new FieldError(prefix + "email", "email must be a valid address, e.g. ana@example.com."));
        }
        return errors;
    }

    private static bool IsEmail(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var address) && address.Address == email &&
        email.Contains('.', StringComparison.Ordinal);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
