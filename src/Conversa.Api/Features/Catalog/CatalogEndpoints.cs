namespace Conversa.Api.Features.Catalog;

public static class CatalogEndpoints
{
    /// <summary>Products (with CSV import/export), signed catalog snapshots and short links.</summary>
    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapProductEndpoints();
        app.MapProductCsvEndpoints();
        app.MapCatalogSnapshotEndpoints();
        app.MapShortLinkEndpoints();
    }
}
