using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddConversaInfrastructure(this IServiceCollection services, ConversaOptions options)
    {
        var dataDir = Path.GetFullPath(options.DataDir);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContextHolder>();
        services.AddDbContext<AppDbContext>(builder => DatabaseOptions.Configure(builder, options));
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantScope>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<TenantStatistics>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<TenantSecretStore>();
        services.AddSingleton(new SecretProtector(
            KeyMaterial.Load(options.MasterKey, dataDir, "master.key", "CONVERSA_MASTER_KEY")));
        services.AddSingleton(sp => new TokenService(
            KeyMaterial.Load(options.JwtSigningKey, dataDir, "jwt.key", "CONVERSA_JWT_SIGNING_KEY"),
            TimeSpan.FromMinutes(options.JwtLifetimeMinutes),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
