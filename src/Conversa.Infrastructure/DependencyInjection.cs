using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers persistence, tenancy and security. Options are read from configuration when first needed,
    /// so hosts and tests may set them up to the moment the app is built.
    /// </summary>
    public static IServiceCollection AddConversaInfrastructure(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = new ConversaOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(ConversaOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContextHolder>();
        services.AddSingleton<Caching.TenantReadCache>();
        services.AddSingleton<Caching.TenantCacheInvalidation>();
        // One pool per process: a scope rents a context bound to its tenant on first use and returns it when it ends.
        services.AddSingleton(sp =>
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>().UseApplicationServiceProvider(sp);
            DatabaseOptions.Configure(builder, sp.GetRequiredService<ConversaOptions>());
            builder.AddInterceptors(sp.GetRequiredService<Caching.TenantCacheInvalidation>());
            return new AppDbContextPool(builder.Options);
        });
        services.AddScoped<AppDbContextLease>();
        services.AddScoped(sp => sp.GetRequiredService<AppDbContextLease>().Context);
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantScope>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<TenantStatistics>();
        services.AddSingleton<ShortLinkDirectory>();
        services.AddSingleton<ChatwootDirectory>();
        Channels.Chatwoot.ChatwootServices.AddChatwootChannel(services);
        services.AddSingleton<WhatsAppNumberDirectory>();
        services.AddSingleton<Channels.WhatsAppAppSecrets>();
        services.AddSingleton<Channels.WhatsAppChannelCache>();
        services.AddScoped<Channels.WhatsAppChannels>();
        services.AddHttpClient<Channels.WhatsAppGraphClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<ConversaOptions>().WhatsApp.TimeoutSeconds)));
        services.AddInboxHandler<Channels.WhatsAppInboxHandler>();
        services.AddChannelSender<Channels.WhatsAppSender>();
        services.AddSingleton<Billing.PlanCatalog>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Audit.AuditActor>();
        services.AddScoped<TenantSecretStore>();
        services.AddSingleton(sp =>
        {
            var options = new Knowledge.KnowledgeOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Knowledge.KnowledgeOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<Knowledge.EmbeddingModels>();
        services.AddSingleton<Knowledge.KnowledgeIndexCache>();
        services.AddScoped<Knowledge.KnowledgeBase>();
        services.AddSingleton(sp =>
        {
            var options = new Models.ChatModelOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Models.ChatModelOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton(sp =>
        {
            var options = new Billing.Usage.UsageOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Billing.Usage.UsageOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<Billing.Usage.UsageLedger>();
        services.AddSingleton<Models.IModelUsageSink>(sp => sp.GetRequiredService<Billing.Usage.UsageLedger>());
        services.AddHostedService<Billing.Usage.UsageFlusher>();
        services.AddSingleton<Billing.Usage.UsageLimits>();
        services.AddSingleton<Billing.Usage.AiTokenBudget>();
        services.AddScoped<Billing.Usage.MediaLimits>();
        services.AddSingleton<Models.ChatModels>();
        services.AddScoped<Models.VoiceTranscriber>();
        services.AddScoped<Models.ImageDescriber>();
        services.AddScoped<Reminders.ReminderPlanner>();
        services.AddScoped<Reminders.ReminderRecipients>();
        services.AddSingleton<Booking.ProviderLocks>();
        services.AddScoped<Booking.CustomerContacts>();
        services.AddScoped<Booking.BookingDesk>();
        services.AddScoped<Booking.AvailabilityFinder>();
        services.AddScoped<Personal.PersonalAgenda>();
        services.AddScoped<Conversations.ConversationStore>();
        services.AddScoped<Conversations.ConversationDesk>();
        services.AddConversationEngine();
        services.AddSingleton(sp =>
        {
            var options = new Reminders.ReminderOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Reminders.ReminderOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<ReminderClaims>();
        services.AddSingleton<Reminders.ReminderDispatcher>();
        services.AddHostedService<Reminders.ReminderScheduler>();
        services.AddSingleton(sp =>
        {
            var options = new Inbox.InboxOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Inbox.InboxOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<Inbox.InboxSignal>();
        services.AddSingleton<Inbox.InboxHandOff>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<Inbox.IInbox>(sp => sp.GetRequiredService<InboxStore>());
        services.AddSingleton<Inbox.InboxProcessor>();
        services.AddHostedService<Inbox.InboxWorker>();
        services.AddSingleton(sp =>
        {
            var options = new Outbound.OutboxOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(Outbound.OutboxOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<Outbound.OutboxSignal>();
        services.AddSingleton<Outbound.LogSender>();
        services.AddSingleton<OutboxClaims>();
        services.AddSingleton<Outbound.IOutbox, Outbound.DurableOutbox>();
        services.AddSingleton<Outbound.OutboxSender>();
        services.AddScoped<Outbound.DirectSends>();
        services.AddHostedService<Outbound.OutboxWorker>();
        services.AddSingleton<Outbound.QueueMetrics>();
        services.AddSingleton<QueueRetention>();
        services.AddSingleton<Background.QueuePruner>();
        services.AddHostedService<Background.QueuePruneWorker>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ConversaOptions>();
            return new SecretProtector(KeyMaterial.Load(options.MasterKey, Path.GetFullPath(options.DataDir), "master.key", "CONVERSA_MASTER_KEY"));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ConversaOptions>();
            return new TokenService(
                KeyMaterial.Load(options.JwtSigningKey, Path.GetFullPath(options.DataDir), "jwt.key", "CONVERSA_JWT_SIGNING_KEY"),
                TimeSpan.FromMinutes(options.JwtLifetimeMinutes),
                sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
