using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Seeding;

/// <summary>
/// A product of the emulator's catalog; its kind decides how its orders are cancelled
/// (docs/partner-center.md#product-kinds).
/// </summary>
internal sealed record CatalogProduct(string Id, string Title, ProductKind Kind, string PublisherName = "Microsoft Corporation")
{
    public bool IsMicrosoftProduct => PublisherName == "Microsoft Corporation";
}

/// <summary>
/// An offer (product, SKU, availability) that orders are placed for. <c>Includes</c> names software that comes with
/// this software (product, SKU) and is entitled along with it.
/// </summary>
internal sealed record CatalogOffer(
    string ProductId, string SkuId, string AvailabilityId, string FriendlyName, string TermDuration, string BillingCycle, decimal UnitPrice,
    IReadOnlyList<(string ProductId, string SkuId)>? Includes = null)
{
    public string OfferId => $"{ProductId}:{SkuId}:{AvailabilityId}";
}

/// <summary>The products and offers the emulator's sandbox sells: the families the sandbox supports, Standard_B1s reservations only.</summary>
internal static class SandboxCatalog
{
    public static IReadOnlyList<CatalogProduct> Products { get; } =
    [
        new("DZH318Z0BQ4B", "Reserved VM Instance, Standard_B1s", ProductKind.ReservedInstance),
        new("DG7GMGF0DWT0", "Microsoft Identity Manager 2016", ProductKind.PerpetualSoftware),
        new("DG7GMGF0DSDZ", "Visio Professional 2021", ProductKind.PerpetualSoftware),
        new("DG7GMGF0FLR2", "SQL Server 2022 Standard", ProductKind.PerpetualSoftware),
        new("DG7GMGF0D3WB", "SQL Server 2022 CAL", ProductKind.PerpetualSoftware),
        new("DG7GMGF0DVSV", "Windows Server 2022 Standard", ProductKind.PerpetualSoftware),
        new("DG7GMGF0FKZV", "SQL Server Enterprise - subscription", ProductKind.SoftwareSubscription),
        new("DG7GMGF0DVT7", "Windows Server CAL - subscription", ProductKind.SoftwareSubscription),
        new("DZH318Z0C1BV", "Contoso Cloud Backup", ProductKind.MarketplaceSaaS, "Contoso Software"),
        new("DZH318Z0C4RT", "Woodgrove Threat Intelligence", ProductKind.MarketplaceSaaS, "Woodgrove Security"),
        new("CFQ7TTC0LH18", "Microsoft 365 Business Basic", ProductKind.NewCommerce),
        new("CFQ7TTC0LCHC", "Microsoft 365 Business Premium", ProductKind.NewCommerce),
        new("CFQ7TTC0LF8Q", "Office 365 E3", ProductKind.NewCommerce),
        new("DZH318Z0BPS6", "Azure plan", ProductKind.AzurePlan),
    ];

    public static IReadOnlyList<CatalogOffer> Offers { get; } =
    [
        new("DZH318Z0BQ4B", "000Z", "DZH318Z0DSPL", "Reserved VM Instance, Standard_B1s, US East, 1 Year", "P1Y", "one_time", 70.08m),
        new("DZH318Z0BQ4B", "001Q", "DZH318Z0DT2K", "Reserved VM Instance, Standard_B1s, West Europe, 3 Years", "P3Y", "one_time", 157.68m),
        new("DG7GMGF0DWT0", "0001", "DG7GMGF0DSQR", "Microsoft Identity Manager 2016 - 1 User CAL", "", "one_time", 32.00m),
        new("DG7GMGF0DSDZ", "0002", "DG7GMGF0DSDW", "Visio Professional 2021", "", "one_time", 579.99m),
        new("DG7GMGF0FLR2", "0001", "DG7GMGF0DWMR", "SQL Server 2022 Standard - 2 Core License Pack", "", "one_time", 3_945.00m),
        new("DG7GMGF0D3WB", "0001", "DG7GMGF0DM8F", "SQL Server 2022 - 1 User CAL", "", "one_time", 230.00m),
        new("DG7GMGF0DVSV", "0002", "DG7GMGF0DT4Z", "Windows Server 2022 Standard - 16 Core License Pack", "", "one_time", 1_069.00m,
            [("DG7GMGF0DVSW", "0001"), ("DG7GMGF0DVSX", "0001")]),
        new("DG7GMGF0FKZV", "0003", "DG7GMGF0DWMS", "SQL Server Enterprise - 2 Core License Pack - 3 year", "P3Y", "one_time", 13_748.00m,
            [("DG7GMGF0FKZW", "0002")]),
        new("DG7GMGF0DVT7", "000C", "DG7GMGF0FVZM", "Windows Server CAL - 1 Device CAL - 3 year", "P3Y", "one_time", 97.00m),
        new("DZH318Z0C1BV", "0001", "DZH318Z0C3KD", "Contoso Cloud Backup (SaaS) - Standard", "P1M", "monthly", 12.00m),
        new("DZH318Z0C4RT", "0002", "DZH318Z0C6MN", "Woodgrove Threat Intelligence (SaaS) - Enterprise", "P1Y", "annual", 480.00m),
        new("CFQ7TTC0LH18", "0001", "CFQ7TTC0K5BF", "Microsoft 365 Business Basic", "P1M", "monthly", 7.20m),
        new("CFQ7TTC0LCHC", "0002", "CFQ7TTC0K5DJ", "Microsoft 365 Business Premium", "P1Y", "annual", 264.00m),
        new("CFQ7TTC0LF8Q", "0001", "CFQ7TTC0K3HT", "Office 365 E3", "P1Y", "annual", 276.00m),
        new("DZH318Z0BPS6", "0001", "DZH318Z0BPS6", "Azure plan", "", "monthly", 0m),
    ];

    public static CatalogProduct? Product(string productId) =>
        Products.FirstOrDefault(p => string.Equals(p.Id, productId, StringComparison.OrdinalIgnoreCase));

    public static CatalogOffer Offer(string offerId) => Offers.First(o => o.OfferId == offerId);

    public static IEnumerable<CatalogOffer> OffersOf(ProductKind kind) =>
        Offers.Where(o => Product(o.ProductId)!.Kind == kind);
}
