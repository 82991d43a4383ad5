using System.Reflection;
using Conversa.Api.Tenancy;
using Conversa.Api.Tests.Support;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Architecture;

[Collection(SqliteCollection.Name)]
public sealed class ArchitectureTests(SqliteFactory app)
{
    [Fact]
    public void Every_endpoint_is_tenant_scoped_or_explicitly_global()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Should().HaveCountGreaterThan(20);
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<EndpointAccess>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        undeclared.Should().BeEmpty("every endpoint declares AllowAnonymousGlobal, RequireSignedIn, RequireSuperadmin or RequireTenant");
    }

    [Fact]
    public void Every_api_tenant_route_needs_a_tenant()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var tenantRoutes = new[]
        {
            "/api/tenant", "/api/users", "/api/api-keys", "/api/documents", "/api/products", "/api/catalog/secret", "/api/catalog/snapshots",
            "/api/links", "/api/personal", "/api/reminders", "/api/services", "/api/providers", "/api/availability", "/api/bookings", "/api/contacts",
            "/api/multimedia", "/v1/",
        };
        foreach (var endpoint in endpoints.Where(e => tenantRoutes.Any(r => e.RoutePattern.RawText!.StartsWith(r, StringComparison.Ordinal))))
        {
            endpoint.Metadata.GetMetadata<EndpointAccess>()!.Level.Should().Be(AccessLevel.Tenant, endpoint.RoutePattern.RawText);
        }
    }

    [Fact]
    public void Every_entity_is_tenant_owned_or_explicitly_global()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unmarked = db.Model.GetEntityTypes()
            .Select(e => e.ClrType)
            .Where(t => !typeof(ITenantOwned).IsAssignableFrom(t) && t.GetCustomAttribute<GlobalEntityAttribute>() is null)
            .Select(t => t.Name)
            .ToList();
        unmarked.Should().BeEmpty();
    }

    [Fact]
    public void Every_tenant_owned_entity_has_the_tenant_filter_and_a_tenant_index()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            entity.GetDeclaredQueryFilters().Select(f => f.Key).Should().Contain(AppDbContext.TenantFilter, entity.ClrType.Name);
            entity.GetIndexes().Should().Contain(i => i.Properties[0].Name == nameof(ITenantOwned.TenantId), entity.ClrType.Name);
        }
    }
}
