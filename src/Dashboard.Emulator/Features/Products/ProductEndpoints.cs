using Dashboard.Emulator.Api;
using Dashboard.Emulator.Seeding;
using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Features.Products;

/// <summary>
/// The products the sandbox's orders reference, with the <c>productType</c> that tells how an order is cancelled
/// (docs/partner-center.md#product-kinds).
/// </summary>
internal static class ProductEndpoints
{
    public static RouteGroupBuilder MapProducts(this RouteGroupBuilder v1)
    {
        v1.MapGet("/products/{productId}", Get);
        return v1;
    }

    private static IResult Get(string productId, HttpRequest request)
    {
        var country = request.Query["country"].ToString();
        if (country.Length == 0)
        {
            return PartnerCenterErrors.InvalidInput("country is required, e.g. ?country=US");
        }

        return SandboxCatalog.Product(productId) is { } product
            ? Results.Json(ProductResource.From(product, country))
            : PartnerCenterErrors.ProductNotFound();
    }
}

internal sealed record ItemTypeResource(string Id, string DisplayName, ItemTypeResource? SubType = null);

internal sealed record ProductLinks(LinkResource Skus, LinkResource Self);

internal sealed record ProductResource(
    string Id,
    string Title,
    string Description,
    ItemTypeResource ProductType,
    bool IsMicrosoftProduct,
    string PublisherName,
    ProductLinks Links,
    ResourceAttributes Attributes)
{
    public static ProductResource From(CatalogProduct product, string country) => new(
        product.Id,
        product.Title,
        product.Title,
        TypeOf(product.Kind),
        product.IsMicrosoftProduct,
        product.PublisherName,
        new ProductLinks(
            LinkResource.Get($"/products/{product.Id}/skus?country={country}"),
            LinkResource.Get($"/products/{product.Id}?country={country}")),
        new ResourceAttributes("Product"));

    // Reservations are Azure/VirtualMachines and marketplace SaaS Azure/SaaS (published); the software, online-services
    // and Azure plan shapes are the emulator's reading of the catalog's target views.
    private static ItemTypeResource TypeOf(ProductKind kind) => kind switch
    {
        ProductKind.ReservedInstance => new("Azure", "Azure", new("VirtualMachines", "Virtual Machines")),
        ProductKind.MarketplaceSaaS => new("Azure", "Azure", new("SaaS", "SaaS")),
        ProductKind.AzurePlan => new("Azure", "Azure", new("AzurePlan", "Azure plan")),
        ProductKind.PerpetualSoftware => new("Software", "Software", new("SoftwarePerpetual", "Perpetual software")),
        ProductKind.SoftwareSubscription => new("Software", "Software", new("SoftwareSubscriptions", "Software subscriptions")),
        _ => new("OnlineServices", "Online Services"),
    };
}
