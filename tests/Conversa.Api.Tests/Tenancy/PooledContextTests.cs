using System.Data;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Tenancy;

/// <summary>
/// <see cref="AppDbContext"/>s are pooled: one instance serves tenant after tenant. Each test gets the very instance
/// another scope returned (<see cref="RentAgainAsync"/> fails if the pool never hands it back) and checks that it now
/// sees only the new scope's tenant — through the query filters and, on PostgreSQL, through row-level security.
/// </summary>
public abstract class PooledContextTests(ConversaFactory app)
{
    private bool OnPostgres => app.Kind == "postgres";

    [Fact]
    public async Task A_context_returned_by_one_tenant_sees_only_the_next_tenants_rows()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        AppDbContext returned;
        await using (var scope = Scope(a))
        {
            returned = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await returned.Users.Select(u => u.Email).ToListAsync()).Should().Equal(a.OwnerEmail);
            (await SessionTenantAsync(returned)).Should().Be(OnPostgres ? a.Id.ToString() : null);
        }

        await using var again = await RentAgainAsync(returned, b);
        var db = again.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenant.TenantId.Should().Be(b.Id);
        db.CurrentTenantId.Should().Be(b.Id);
        (await db.Users.Select(u => u.Email).ToListAsync()).Should().Equal(b.OwnerEmail);
        (await db.ApiKeys.Select(k => k.TenantId).Distinct().ToListAsync()).Should().Equal(b.Id);
        await ExpectSessionOfAsync(db, b.Id);
    }

    [Fact]
    public async Task A_request_that_failed_midway_leaves_nothing_to_the_next_tenant()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        AppDbContext? returned = null;
        var failing = async () =>
        {
            await using var scope = Scope(a);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            returned = db;
            await db.Database.OpenConnectionAsync();
            await db.Database.BeginTransactionAsync();
            db.ApiKeys.Add(NewKey());
            await db.SaveChangesAsync();
            db.ApiKeys.Add(NewKey());
            throw new InvalidOperationException("the request failed with a transaction open and a row pending");
        };
        await failing.Should().ThrowAsync<InvalidOperationException>();

        await using (var again = await RentAgainAsync(returned!, b))
        {
            var db = again.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.Entries().Should().BeEmpty("a's pending row is not b's to save");
            db.Database.CurrentTransaction.Should().BeNull();
            db.Database.GetDbConnection().State.Should().Be(ConnectionState.Closed);
            (await db.SaveChangesAsync()).Should().Be(0);
            db.ApiKeys.Add(NewKey());
            await db.SaveChangesAsync();
            (await db.ApiKeys.Select(k => k.TenantId).ToListAsync()).Should().Equal(b.Id, b.Id);
            await ExpectSessionOfAsync(db, b.Id);
            db.Database.GetDbConnection().State.Should().Be(ConnectionState.Closed, "EF closes what it opened for a query");
        }
        var scopes = app.Services.GetRequiredService<TenantScope>();
        (await scopes.RunDbAsync(a.Id, db => db.ApiKeys.CountAsync())).Should().Be(1, "a's transaction was rolled back");
    }

    [Fact]
    public async Task A_context_that_bypassed_tenancy_is_a_plain_tenant_context_for_the_next_scope_and_the_reverse()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        AppDbContext returned;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
            returned = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            returned.BypassTenancy.Should().BeTrue();
            if (OnPostgres)
            {
                (await RawUserTenantsAsync(returned)).Should().Contain(new[] { a.Id, b.Id });
            }
        }

        await using (var again = await RentAgainAsync(returned, b))
        {
            var db = again.ServiceProvider.GetRequiredService<AppDbContext>();
            db.BypassTenancy.Should().BeFalse();
            (await db.Users.Select(u => u.TenantId).Distinct().ToListAsync()).Should().Equal(b.Id);
            await ExpectSessionOfAsync(db, b.Id);
        }

        await using (var bypassing = await RentAgainAsync(returned, holder => holder.BypassTenancy = true))
        {
            var db = bypassing.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Tenant.TenantId.Should().BeNull("b's tenant went back with the context");
            db.BypassTenancy.Should().BeTrue();
        }

        await using (var anonymous = await RentAgainAsync(returned, _ => { }))
        {
            var db = anonymous.ServiceProvider.GetRequiredService<AppDbContext>();
            db.BypassTenancy.Should().BeFalse();
            var read = () => db.Users.ToListAsync();
            await read.Should().ThrowAsync<TenantRequiredException>();
            if (OnPostgres)
            {
                (await RawUserTenantsAsync(db)).Should().BeEmpty("a connection bound to no tenant sees no tenant rows");
            }
        }
    }

    [Fact]
    public async Task Concurrent_scopes_of_two_tenants_each_see_only_their_own_rows()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var servedBoth = new HashSet<AppDbContext>(ReferenceEqualityComparer.Instance);
        var byContext = new Dictionary<AppDbContext, Guid>(ReferenceEqualityComparer.Instance);
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var tenant = i % 2 == 0 ? a : b;
            for (var round = 0; round < 25; round++)
            {
                await using var scope = Scope(tenant);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                lock (byContext)
                {
                    if (byContext.TryGetValue(db, out var before) && before != tenant.Id)
                    {
                        servedBoth.Add(db);
                    }
                    byContext[db] = tenant.Id;
                }
                (await db.Users.Select(u => u.TenantId).Distinct().ToListAsync()).Should().Equal(tenant.Id);
                db.ApiKeys.Add(NewKey());
                await db.SaveChangesAsync();
                if (OnPostgres)
                {
                    (await RawUserTenantsAsync(db)).Should().Equal(tenant.Id);
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(workers);

        servedBoth.Should().NotBeEmpty("contexts went from one tenant to the other, or this proves nothing");
        var scopes = app.Services.GetRequiredService<TenantScope>();
        (await scopes.RunDbAsync(a.Id, db => db.ApiKeys.CountAsync())).Should().Be(1 + 4 * 25);
        (await scopes.RunDbAsync(b.Id, db => db.ApiKeys.CountAsync())).Should().Be(1 + 4 * 25);
    }

    [Fact]
    public async Task Concurrent_chat_turns_of_two_tenants_are_stored_each_with_its_own_tenant()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var turns = Enumerable.Range(0, 16).Select(async i =>
        {
            var tenant = i % 2 == 0 ? a : b;
            await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = $"hola, soy {tenant.Slug}", contact_id = $"c{i}" }, 200);
        });
        await Task.WhenAll(turns);

        foreach (var tenant in new[] { a, b })
        {
            var said = await app.DbAsync(tenant, db => db.ConversationMessages
                .Where(m => m.Role == MessageRole.User).Select(m => m.Content).ToListAsync());
            said.Should().HaveCount(8).And.AllBe($"hola, soy {tenant.Slug}");
            (await app.DbAsync(tenant, db => db.ContactContexts.CountAsync())).Should().Be(8);
        }
    }

    private AsyncServiceScope Scope(TestTenant tenant)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().Set(TenantContext.ForSystem(tenant.Id, tenant.Slug));
        return scope;
    }

    private Task<AsyncServiceScope> RentAgainAsync(AppDbContext wanted, TestTenant tenant) =>
        RentAgainAsync(wanted, holder => holder.Set(TenantContext.ForSystem(tenant.Id, tenant.Slug)));

    /// <summary>
    /// A new scope, set up by <paramref name="bind"/>, whose context is <paramref name="wanted"/>. The pool hands contexts
    /// out first in, first out, so scopes are rented and returned until it comes round.
    /// </summary>
    private async Task<AsyncServiceScope> RentAgainAsync(AppDbContext wanted, Action<TenantContextHolder> bind)
    {
        for (var attempt = 0; attempt < 5_000; attempt++)
        {
            var scope = app.Services.CreateAsyncScope();
            bind(scope.ServiceProvider.GetRequiredService<TenantContextHolder>());
            if (ReferenceEquals(scope.ServiceProvider.GetRequiredService<AppDbContext>(), wanted))
            {
                return scope;
            }
            await scope.DisposeAsync();
        }
        throw new InvalidOperationException("The returned context never came back: AppDbContext is not pooled.");
    }

    private async Task ExpectSessionOfAsync(AppDbContext db, Guid tenantId)
    {
        if (!OnPostgres)
        {
            return;
        }
        (await SessionTenantAsync(db)).Should().Be(tenantId.ToString());
        (await db.Database.SqlQuery<string>($"SELECT current_setting('app.bypass_rls', true) AS \"Value\"").ToListAsync()).Should().Equal("off");
        (await RawUserTenantsAsync(db)).Should().Equal(new[] { tenantId }, "row-level security follows the lease's tenant");
    }

    private async Task<string?> SessionTenantAsync(AppDbContext db) =>
        OnPostgres ? (await db.Database.SqlQuery<string>($"SELECT current_setting('app.tenant_id', true) AS \"Value\"").ToListAsync()).Single() : null;

    /// <summary>The tenants of the users raw SQL sees with no tenant condition: on PostgreSQL, what row-level security lets through.</summary>
    private static Task<List<Guid>> RawUserTenantsAsync(AppDbContext db) =>
        db.Database.SqlQuery<Guid>($"SELECT DISTINCT tenant_id AS \"Value\" FROM users").ToListAsync();

    private static ApiKey NewKey() => new()
    {
        Name = "pooled",
        KeyHash = ApiKeyFormat.Hash(Guid.NewGuid().ToString()),
        Prefix = "sk_pool",
    };
}

[Collection(SqliteCollection.Name)]
public sealed class PooledContextTestsOnSqlite(SqliteFactory app) : PooledContextTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PooledContextTestsOnPostgres(PostgresFactory app) : PooledContextTests(app);
