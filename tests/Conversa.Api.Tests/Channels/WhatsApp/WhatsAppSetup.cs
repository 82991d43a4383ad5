using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>Tenants with a WhatsApp number, configured through the API like an owner would.</summary>
public static class WhatsAppTestSetup
{
    public static string NewPhoneNumberId() => "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<(TestTenant Tenant, string PhoneNumberId)> TenantWithNumberAsync(
        this IWhatsAppApp app, object? extra = null, object? tenantExtra = null)
    {
        var tenant = await app.App.CreateTenantAsync(extra: tenantExtra);
        var phoneNumberId = NewPhoneNumberId();
        var body = Http.Merge(new
        {
            phone_number_id = phoneNumberId,
            waba_id = "102290129340398",
            display_phone_number = "15550783881",
            access_token = app.Graph.AccessToken,
        }, extra);
        await tenant.KeyClient().PutJsonAsync("/api/channels/whatsapp", body, 200);
        return (tenant, phoneNumberId);
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> PutJsonAsync(this HttpClient client, string url, object body, int expectedStatus) =>
        await Http.ReadAsync(await client.PutAsync(url, Http.Json(body)), expectedStatus);
}
