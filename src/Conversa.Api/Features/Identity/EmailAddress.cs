using System.Net.Mail;

namespace Conversa.Api.Features.Identity;

public static class EmailAddress
{
    public static bool IsValid(string value) =>
        MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);
}
