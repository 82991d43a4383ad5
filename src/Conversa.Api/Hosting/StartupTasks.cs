using System.Security.Cryptography;
using Conversa.Api.Features.Admin;
using Conversa.Api.Features.Identity;
using Conversa.Core.Billing;
using Conversa.Core.Identity;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Hosting;

/// <summary>What happens before the server listens: migrations, built-in plans, the superadmin, demo data, companies config.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<ConversaOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Conversa.Startup");
        await DatabaseMigrator.MigrateAsync(options, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await EnsurePlansAsync(db, cancellationToken);
        await EnsureSuperadminAsync(db, options, logger, cancellationToken);
        if (options.ShouldSeedDemo && !await db.Tenants.AnyAsync(cancellationToken))
        {
            await DemoSeed.RunAsync(scope.ServiceProvider, options, cancellationToken);
        }
        var importer = scope.ServiceProvider.GetRequiredService<CompaniesConfigImporter>();
        if (importer.Configured)
        {
            await importer.ImportConfiguredAsync(cancellationToken);
        }
    }

    public static async Task EnsurePlansAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Plans.Select(p => p.Name).ToListAsync(cancellationToken);
        foreach (var plan in Plan.BuiltIn().Where(p => !existing.Contains(p.Name)))
        {
            db.Plans.Add(plan);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task EnsureSuperadminAsync(AppDbContext db, ConversaOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.PlatformAdmins.AnyAsync(cancellationToken))
        {
            return;
        }
        var email = CredentialStore.NormalizeEmail(options.AdminEmail ?? "admin@conversa.local");
        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) : options.AdminPassword!;
        db.PlatformAdmins.Add(new PlatformAdmin { Email = email, Name = "Platform admin", PasswordHash = Passwords.Hash(password) });
        await db.SaveChangesAsync(cancellationToken);
        if (generated)
        {
            // Shown once, on the console only: it is not stored anywhere in clear.
            Console.WriteLine($"""

                ==== Conversa superadmin created ====
                email:    {email}
                password: {password}
                (set CONVERSA_ADMIN_EMAIL / CONVERSA_ADMIN_PASSWORD to choose them; this is printed only once)

                """);
        }
        logger.LogInformation("Created the platform superadmin {Email}", email);
    }
}
