using Conversa.Api.Tests.Support;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Tenancy;

/// <summary>The data layer itself: forgetting a tenant filter is impossible, not merely unlikely.</summary>
public abstract class DataLayerTests(ConversaFactory app)
{
    [Fact]
    public async Task Reading_tenant_data_without_a_tenant_throws()
    {
        await app.CreateTenantAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var read = () => db.Users.ToListAsync();
        await read.Should().ThrowAsync<TenantRequiredException>();
        (await db.Tenants.AnyAsync()).Should().BeTrue("global entities need no tenant");
    }

    [Fact]
    public async Task A_tenant_scope_sees_only_its_tenants_rows()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var scope = app.Services.GetRequiredService<TenantScope>();

        var emails = await scope.RunDbAsync(a.Id, db => db.Users.Select(u => u.Email).ToListAsync());
        emails.Should().Equal(a.OwnerEmail);
        var keys = await scope.RunDbAsync(b.Id, db => db.ApiKeys.Select(k => k.TenantId).Distinct().ToListAsync());
        keys.Should().Equal(b.Id);
    }

    [Fact]
    public async Task Inserting_a_row_for_another_tenant_throws_and_a_row_without_one_is_stamped()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var scope = app.Services.GetRequiredService<TenantScope>();

        var foreign = () => scope.RunDbAsync(a.Id, async db =>
        {
            db.ApiKeys.Add(NewKey(b.Id));
            await db.SaveChangesAsync();
        });
        await foreign.Should().ThrowAsync<TenantRequiredException>();

        var stamped = await scope.RunDbAsync(a.Id, async db =>
        {
            var key = NewKey(Guid.Empty);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return key.TenantId;
        });
        stamped.Should().Be(a.Id);
    }

    [Fact]
    public async Task Changing_or_deleting_another_tenants_row_throws()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var scope = app.Services.GetRequiredService<TenantScope>();
        var bOwner = await scope.RunDbAsync(b.Id, db => db.Users.AsNoTracking().SingleAsync());

        var update = () => scope.RunDbAsync(a.Id, async db =>
        {
            db.Users.Attach(bOwner);
            bOwner.Name = "hijacked";
            await db.SaveChangesAsync();
        });
        await update.Should().ThrowAsync<TenantRequiredException>();

        var delete = () => scope.RunDbAsync(a.Id, async db =>
        {
            db.Users.Remove(new User { Id = bOwner.Id, TenantId = b.Id, Email = bOwner.Email, Name = "x", Role = Roles.Owner });
            await db.SaveChangesAsync();
        });
        await delete.Should().ThrowAsync<TenantRequiredException>();

        (await scope.RunDbAsync(b.Id, db => db.Users.SingleAsync())).Name.Should().NotBe("hijacked");
    }

    [Fact]
    public async Task Bulk_deletes_in_a_tenant_scope_touch_only_that_tenant()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var scope = app.Services.GetRequiredService<TenantScope>();

        await scope.RunDbAsync(a.Id, db => db.ApiKeys.ExecuteDeleteAsync());

        (await scope.RunDbAsync(a.Id, db => db.ApiKeys.CountAsync())).Should().Be(0);
        (await scope.RunDbAsync(b.Id, db => db.ApiKeys.CountAsync())).Should().Be(1);
    }

    private static ApiKey NewKey(Guid tenantId) => new()
    {
        TenantId = tenantId,
        Name = "test",
        KeyHash = ApiKeyFormat.Hash(Guid.NewGuid().ToString()),
        Prefix = "sk_test",
    };
}

[Collection(SqliteCollection.Name)]
public sealed class DataLayerTestsOnSqlite(SqliteFactory app) : DataLayerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DataLayerTestsOnPostgres(PostgresFactory app) : DataLayerTests(app);
