using Conversa.Api.Tenancy;
using Conversa.Api.Tests.Support;
using Conversa.Core.Tenancy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Conversations;

/// <summary>Every conversation route needs a tenant (ArchitectureTests' list of tenant routes predates this one).</summary>
[Collection(SqliteCollection.Name)]
public sealed class ConversationRouteTests(SqliteFactory app)
{
    [Fact]
    public void Every_conversation_route_needs_a_tenant_and_only_managers_delete()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/conversations", StringComparison.Ordinal))
            .ToList();
        routes.Should().HaveCount(6);
        foreach (var route in routes)
        {
            var access = route.Metadata.GetMetadata<EndpointAccess>()!;
            access.Level.Should().Be(AccessLevel.Tenant, route.DisplayName);
            access.AllowPublicKey.Should().BeFalse(route.DisplayName);
            var isDelete = route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("DELETE");
            access.Roles.Should().BeEquivalentTo(isDelete ? [Roles.Owner, Roles.Admin] : Array.Empty<string>(), route.DisplayName);
        }
    }
}
