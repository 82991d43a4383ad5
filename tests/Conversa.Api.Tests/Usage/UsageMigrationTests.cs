using Conversa.Api.Tests.Support;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Conversa.Api.Tests.Usage;

/// <summary>
/// Upgrading mid-month: the migration that brings <c>usage_counters</c> starts each tenant's current month from the
/// customer messages already stored this month (not the assistant's, not last month's), so the upgrade does not hand
/// tenants a fresh allowance.
/// </summary>
public sealed class UsageMigrationTests
{
    private const string Before = "20261203030000_OutboxProgress";

    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteFactory app)
    {
        [Fact]
        public async Task The_current_month_starts_from_the_customer_messages_stored_this_month()
        {
            Directory.CreateDirectory(app.DataDir);
            var path = Path.Combine(app.DataDir, $"upgrade-{Guid.NewGuid():N}.db");
            (await SeededMessagesAsync(holder => Context(new ConversaOptions { DataDir = app.DataDir }, $"Data Source={path}", holder))).Should().Be(2);
        }
    }

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresFactory app)
    {
        [Fact]
        public async Task The_current_month_starts_from_the_customer_messages_stored_this_month()
        {
            var database = "conversa_upgrade_" + Guid.NewGuid().ToString("N")[..12];
            await PostgresFactory.CreateDatabaseAsync(database);
            var connection = new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Database = database }.ConnectionString;
            try
            {
                (await SeededMessagesAsync(holder => Context(new ConversaOptions { Database = connection }, connection, holder))).Should().Be(2);
            }
            finally
            {
                await PostgresFactory.DropDatabaseAsync(database);
            }
        }
    }

    /// <summary>Migrates to just before the usage table, stores a tenant's messages, migrates on, and reads the seeded count.</summary>
    private static async Task<long> SeededMessagesAsync(Func<TenantContextHolder, AppDbContext> context)
    {
        await using (var db = context(new TenantContextHolder()))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }
        var tenant = new Tenant { Slug = "upgrade-" + Guid.NewGuid().ToString("N")[..8], Name = "Upgrade" };
        var holder = new TenantContextHolder();
        holder.Set(TenantContext.ForSystem(tenant.Id, tenant.Slug));
        var now = DateTime.UtcNow;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = context(holder))
        {
            db.Tenants.Add(tenant);
            var contact = new Contact { Name = "Ana", CreatedAt = now, UpdatedAt = now };
            var conversation = new Conversation { ContactId = contact.Id, LastMessageAt = now, MessageCount = 4, CreatedAt = monthStart.AddDays(-1), UpdatedAt = now };
            db.Contacts.Add(contact);
            db.Conversations.Add(conversation);
            var sequence = 0;
            foreach (var (role, at) in new[] { (MessageRole.User, monthStart.AddDays(-1)), (MessageRole.User, now), (MessageRole.Assistant, now), (MessageRole.User, now) })
            {
                db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversation.Id, Sequence = ++sequence, Role = role, Content = "hola", CreatedAt = at });
            }
            await db.SaveChangesAsync();
        }
        await using (var db = context(new TenantContextHolder()))
        {
            await db.Database.MigrateAsync();
        }
        await using (var db = context(holder))
        {
            var period = DateOnly.FromDateTime(monthStart);
            return await db.UsageCounters.Where(u => u.Period == period).Select(u => u.Messages).SingleAsync();
        }
    }

    private static AppDbContext Context(ConversaOptions options, string connectionString, TenantContextHolder holder)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseOptions.Configure(builder, options, connectionString);
        return new AppDbContext(builder.Options, holder);
    }
}
