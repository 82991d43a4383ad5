using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Admin;
using Conversa.Infrastructure.Configuration;

namespace Conversa.Api.Hosting;

/// <summary>
/// The demo tenants of the embedded default: <c>benova</c> (aesthetic clinic) and <c>medispa</c>, each with an
/// owner and a secret key, written to <c>&lt;data dir&gt;/demo-credentials.json</c> and printed.
/// </summary>
public static class DemoSeed
{
    public static async Task RunAsync(IServiceProvider services, ConversaOptions options, CancellationToken cancellationToken)
    {
        var provisioning = services.GetRequiredService<TenantProvisioning>();
        var credentials = new JsonObject();
        foreach (var demo in Tenants())
        {
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9));
            var (created, _) = await provisioning.CreateAsync(demo with
            {
                Owner = new TenantProvisioning.OwnerRequest($"owner@{demo.Slug}.demo", password, $"Owner {demo.Name}"),
            }, cancellationToken: cancellationToken);
            if (created is null)
            {
                continue;
            }
            credentials[demo.Slug] = new JsonObject
            {
                ["tenant_id"] = created.Tenant.Id.ToString(),
                ["name"] = created.Tenant.Name,
                ["owner_email"] = created.Owner!.Email,
                ["owner_password"] = password,
                ["api_key"] = created.Key,
            };
        }
        var path = Path.Combine(Path.GetFullPath(options.DataDir), "demo-credentials.json");
        var text = credentials.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(path, text, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Console.WriteLine($"""

            ==== Demo tenants seeded (credentials saved to {path}) ====
            {text}

            """);
    }

    private static IEnumerable<TenantProvisioning.Request> Tenants()
    {
        yield return new TenantProvisioning.Request(
            "benova", "Benova", "clinic", "pro", "America/Bogota", "es", "COP",
            Settings: new JsonObject
            {
                ["assistant"] = new JsonObject
                {
                    ["name"] = "María, asesora de Benova",
                    ["persona"] = "Cálida, clara y profesional. Asesora de medicina estética.",
                },
                ["widget"] = new JsonObject { ["greeting_message"] = "¡Hola! Soy María, asesora de Benova. ¿En qué te ayudo?" },
                ["booking"] = new JsonObject
                {
                    ["treatment_durations"] = new JsonObject { ["limpieza facial"] = 60, ["botox"] = 30, ["rellenos"] = 45 },
                },
            });
        yield return new TenantProvisioning.Request(
            "medispa", "MediSpa Elite", "spa", "pro", "America/Mexico_City", "es", "MXN",
            Settings: new JsonObject
            {
                ["assistant"] = new JsonObject { ["name"] = "Sofía, concierge de MediSpa Elite" },
                ["widget"] = new JsonObject { ["primary_color"] = "#7c3aed", ["greeting_message"] = "Bienvenida a MediSpa Elite. ¿Qué tratamiento te interesa?" },
                ["booking"] = new JsonObject
                {
                    ["treatment_durations"] = new JsonObject { ["masaje relajante"] = 60, ["facial hidratante"] = 45, ["depilación láser"] = 30 },
                },
            });
    }
}
