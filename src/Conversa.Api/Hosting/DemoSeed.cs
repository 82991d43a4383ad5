using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Admin;
using Conversa.Core.Booking;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

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
            await SeedBookingAsync(services, created.Tenant.Id, demo, cancellationToken);
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

    /// <summary>Who works when at each demo tenant: a provider's services (by name) and weekly hours, Monday = 1.</summary>
    private sealed record DemoProvider(string Name, string[] Services, (int Day, string Start, string End)[] Hours);

    private static (int Day, string Start, string End)[] Week(int fromDay, int toDay, params (string Start, string End)[] blocks) =>
        Enumerable.Range(fromDay, toDay - fromDay + 1).SelectMany(day => blocks.Select(b => (day, b.Start, b.End))).ToArray();

    private static readonly Dictionary<string, (Dictionary<string, decimal> Prices, Dictionary<string, int> Buffers, DemoProvider[] Providers)> DemoBooking = new()
    {
        ["benova"] = (
            new() { ["limpieza facial"] = 180000m, ["botox"] = 850000m, ["rellenos"] = 1200000m },
            new() { ["limpieza facial"] = 15 },
            [
                new("Dra. Valentina Ríos", ["limpieza facial", "botox", "rellenos"],
                    [.. Week(1, 5, ("08:00", "12:00"), ("14:00", "18:00")), .. Week(6, 6, ("09:00", "13:00"))]),
                new("Dr. Andrés Gómez", ["botox", "rellenos"],
                    [.. Week(1, 5, ("10:00", "13:00"), ("14:00", "19:00")), .. Week(6, 6, ("09:00", "14:00"))]),
            ]),
        ["medispa"] = (
            new() { ["masaje relajante"] = 1200m, ["facial hidratante"] = 950m, ["depilación láser"] = 800m },
            new() { ["masaje relajante"] = 10 },
            [
                new("Sofía Martínez", ["masaje relajante", "facial hidratante"], Week(2, 6, ("10:00", "19:00"))),
                new("Lucía Herrera", ["facial hidratante", "depilación láser"], [.. Week(1, 5, ("09:00", "17:00")), .. Week(6, 7, ("10:00", "15:00"))]),
            ]),
    };

    /// <summary>The demo's services (from its treatment durations, with prices and buffers) and providers with their hours.</summary>
    private static async Task SeedBookingAsync(IServiceProvider services, Guid tenantId, TenantProvisioning.Request demo, CancellationToken cancellationToken)
    {
        if (!DemoBooking.TryGetValue(demo.Slug, out var booking))
        {
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<TenantScope>().RunDbAsync(tenantId, async db =>
        {
            var durations = TreatmentServices.Read(demo.Settings?["booking"]?["treatment_durations"] as JsonObject);
            await TreatmentServices.SyncAsync(db, durations, now, cancellationToken);
            var byName = await db.Services.ToDictionaryAsync(s => s.Name, cancellationToken);
            foreach (var (name, service) in byName)
            {
                service.Price = booking.Prices.GetValueOrDefault(name, service.Price ?? 0);
                service.BufferMinutes = booking.Buffers.GetValueOrDefault(name);
            }
            foreach (var demoProvider in booking.Providers)
            {
                var weekly = demoProvider.Hours.Select(h => new WeeklyBlockInput(h.Day, h.Start, h.End)).ToList();
                new WorkingHoursInput(weekly, []).Validate(out var hours);
                var provider = new Provider { Name = demoProvider.Name, HoursJson = hours!.ToJson(), CreatedAt = now, UpdatedAt = now };
                db.Providers.Add(provider);
                db.ProviderServices.AddRange(demoProvider.Services.Select(s => new ProviderService { ProviderId = provider.Id, ServiceId = byName[s].Id }));
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
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
