using Conversa.Api.Features.Admin;
using Conversa.Infrastructure;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Hosting;

/// <summary>
/// The same executable's commands: <c>serve</c> (default), <c>migrate</c>, <c>tenants create|list</c>, <c>queue status|retry</c>.
/// Commands use the configuration the server would (environment and appsettings.json).
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        usage: Conversa.Api [serve] [--urls URL]
               Conversa.Api migrate
               Conversa.Api tenants create --slug SLUG --name NAME [--owner-email EMAIL --owner-password PASSWORD] [--plan PLAN] [--timezone TZ] [--language es|pt|en]
                                          [--sector SECTOR [--template false]]
               Conversa.Api tenants list
               Conversa.Api queue status
               Conversa.Api queue retry [--inbox | --outbox] [--channel CHANNEL]
        """;

    /// <summary>Runs a command and returns true, or returns false when the server should start.</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        var command = args.FirstOrDefault();
        if (command is null || command.StartsWith('-') || command == "serve")
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(command, args.Skip(1).ToArray());
        return true;
    }

    private static async Task<int> RunAsync(string command, string[] rest)
    {
        var builder = WebApplication.CreateBuilder(rest);
        builder.Configuration.AddConversaSettings();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddConversaInfrastructure();
        builder.Services.AddConversaApi();
        await using var app = builder.Build();
        var options = app.Services.GetRequiredService<Infrastructure.Configuration.ConversaOptions>();

        switch (command, rest.FirstOrDefault())
        {
            case ("migrate", _):
                await Infrastructure.Tenancy.DatabaseMigrator.MigrateAsync(options);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await StartupTasks.EnsurePlansAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
                }
                Console.WriteLine("Database is up to date.");
                return 0;
            case ("tenants", "create"):
                return await CreateTenantAsync(app.Services, options, Flags(rest.Skip(1)));
            case ("tenants", "list"):
                await Infrastructure.Tenancy.DatabaseMigrator.MigrateAsync(options);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    foreach (var t in await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync())
                    {
                        Console.WriteLine($"{t.Slug,-24} {t.Status.ToString().ToLowerInvariant(),-10} {t.Plan,-12} {t.Id} {t.Name}");
                    }
                }
                return 0;
            case ("queue", "status"):
                await Infrastructure.Tenancy.DatabaseMigrator.MigrateAsync(options);
                return await QueueCommands.StatusAsync(app.Services);
            case ("queue", "retry"):
                await Infrastructure.Tenancy.DatabaseMigrator.MigrateAsync(options);
                return await QueueCommands.RetryAsync(app.Services, Flags(rest.Skip(1)));
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateTenantAsync(IServiceProvider services, Infrastructure.Configuration.ConversaOptions options, Dictionary<string, string> flags)
    {
        if (!flags.TryGetValue("slug", out var slug) || !flags.TryGetValue("name", out var name))
        {
            await Console.Error.WriteLineAsync("tenants create needs --slug and --name.\n" + Usage);
            return 2;
        }
        await Infrastructure.Tenancy.DatabaseMigrator.MigrateAsync(options);
        await using var scope = services.CreateAsyncScope();
        await StartupTasks.EnsurePlansAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        var owner = flags.TryGetValue("owner-email", out var email)
            ? new TenantProvisioning.OwnerRequest(email, flags.GetValueOrDefault("owner-password"), flags.GetValueOrDefault("owner-name"))
            : null;
        var request = new TenantProvisioning.Request(slug, name, flags.GetValueOrDefault("sector"), flags.GetValueOrDefault("plan"),
            flags.GetValueOrDefault("timezone"), flags.GetValueOrDefault("language"), flags.GetValueOrDefault("currency"), Owner: owner,
            Template: flags.GetValueOrDefault("template") != "false");
        var errors = new ValidationErrors();
        request.Validate(errors);
        if (errors.Any)
        {
            foreach (var (field, messages) in errors.ToDictionary())
            {
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            }
            return 1;
        }
        var (created, problem) = await scope.ServiceProvider.GetRequiredService<TenantProvisioning>().CreateAsync(request);
        if (created is null)
        {
            var status = (problem as IStatusCodeHttpResult)?.StatusCode;
            await Console.Error.WriteLineAsync(status == 409 ? "That slug or owner email is already taken." : "The tenant could not be created.");
            return 1;
        }
        Console.WriteLine($"Created tenant {created.Tenant.Slug} ({created.Tenant.Id})");
        if (created.Owner is not null)
        {
            Console.WriteLine($"owner:   {created.Owner.Email}");
        }
        Console.WriteLine($"api key: {created.Key}   (shown only now)");
        return 0;
    }

    private static Dictionary<string, string> Flags(IEnumerable<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                flags[pending] = "";
            }
            else if (pending is not null)
            {
                flags[pending] = arg;
                pending = null;
            }
        }
        return flags;
    }
}
