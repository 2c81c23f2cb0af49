using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Telling an order's product kind (docs/partner-center.md#product-kinds): from the catalog product's
/// <c>productType</c> and subtype, and from the offer id alone when the catalog cannot be asked or the offer is a
/// legacy one.
/// </summary>
public sealed class ProductCatalogTests
{
    [Theory]
    [InlineData("Azure", "VirtualMachines", ProductKind.ReservedInstance)]
    [InlineData("Azure", "SaaS", ProductKind.MarketplaceSaaS)]
    [InlineData("Azure", "AzurePlan", ProductKind.AzurePlan)]
    [InlineData("Software", "SoftwarePerpetual", ProductKind.PerpetualSoftware)]
    [InlineData("Software", "SoftwareSubscriptions", ProductKind.SoftwareSubscription)]
    [InlineData("OnlineServices", null, ProductKind.NewCommerce)]
    public void Classify_ProductTypeTheEmulatorUses_IsItsKind(string type, string? subType, ProductKind expected)
    {
        var kind = ProductCatalog.Classify(Product("DZH318Z0BQ4B", type, subType), termDuration: "P1Y");

        kind.ShouldBe(expected);
    }

    [Fact]
    public void Classify_NewCommerceAsThe2021CatalogNamesIt_IsNewCommerce() =>
        ProductCatalog.Classify(Product("CFQ7TTC0LH18", "OnlineServicesNCE", null), termDuration: "P1M").ShouldBe(ProductKind.NewCommerce);

    [Theory]
    [InlineData("azure", "saas", ProductKind.MarketplaceSaaS)]
    [InlineData("SOFTWARE", "softwareperpetual", ProductKind.PerpetualSoftware)]
    [InlineData("onlineservices", null, ProductKind.NewCommerce)]
    public void Classify_OtherCasing_IsTheSameKind(string type, string? subType, ProductKind expected)
    {
        ProductCatalog.Classify(Product("DZH318Z0BQ4B", type, subType), termDuration: "P1Y").ShouldBe(expected);
    }

    [Fact]
    public void Classify_AzureWithoutSubType_IsUnknown()
    {
        ProductCatalog.Classify(Product("DZH318Z0BQ4B", "Azure", null), termDuration: "P1Y").ShouldBe(ProductKind.Unknown);
    }

    [Theory]
    [InlineData("SQL")]
    [InlineData("CosmosDb")]
    public void Classify_AzureReservationOfAnotherService_IsReservedInstance(string subType)
    {
        ProductCatalog.Classify(Product("DZH318Z0BQ4B", "Azure", subType), termDuration: "P1Y").ShouldBe(ProductKind.ReservedInstance);
    }

    [Theory]
    [InlineData("P1Y", ProductKind.SoftwareSubscription)]
    [InlineData("P3Y", ProductKind.SoftwareSubscription)]
    [InlineData("", ProductKind.PerpetualSoftware)]
    [InlineData(null, ProductKind.PerpetualSoftware)]
    public void Classify_SoftwareWithoutSubtype_IsToldByTheTerm(string? termDuration, ProductKind expected)
    {
        ProductCatalog.Classify(Product("DG7GMGF0DWT0", "Software", null), termDuration).ShouldBe(expected);
    }

    [Fact]
    public void Classify_MicrosoftAzure_IsAzurePlan()
    {
        ProductCatalog.Classify(Product("DZH318Z0BPS6", "MicrosoftAzure", null), termDuration: null).ShouldBe(ProductKind.AzurePlan);
    }

    [Fact]
    public void Classify_TheAzurePlanProduct_IsAzurePlanWhateverItsType()
    {
        ProductCatalog.Classify(Product("dzh318z0bps6", "OnlineServices", null), termDuration: null).ShouldBe(ProductKind.AzurePlan);
    }

    [Theory]
    [InlineData("Dynamics365", null)]
    [InlineData("", null)]
    public void Classify_UnknownProductType_IsUnknown(string type, string? subType)
    {
        ProductCatalog.Classify(Product("CFQ7TTC0LH18", type, subType), termDuration: "P1M").ShouldBe(ProductKind.Unknown);
    }

    [Fact]
    public void Classify_ProductWithoutProductType_IsUnknown()
    {
        ProductCatalog.Classify(new ProductDto { Id = "CFQ7TTC0LH18", Title = "Microsoft 365 Business Basic" }, termDuration: "P1M").ShouldBe(ProductKind.Unknown);
    }

    [Fact]
    public void Classify_NoProduct_Throws()
    {
        Should.Throw<ArgumentNullException>(() => ProductCatalog.Classify(null!, null));
    }

    [Theory]
    [InlineData("MS-AZR-0145P")]
    [InlineData("ms-azr-0145p")]
    [InlineData("DZH318Z0BPS6:0001:DZH318Z0BPS6")]
    public void ClassifyOffer_AzurePlanOffer_IsAzurePlan(string offerId)
    {
        ProductCatalog.ClassifyOffer(offerId, null).ShouldBe(ProductKind.AzurePlan);
    }

    [Theory]
    [InlineData("031C9E47-4802-4248-838E-778FB1D2CC05")]
    [InlineData("{031c9e47-4802-4248-838e-778fb1d2cc05}")]
    public void ClassifyOffer_GuidOffer_IsLegacyLicense(string offerId)
    {
        ProductCatalog.ClassifyOffer(offerId, "P1M").ShouldBe(ProductKind.LegacyLicense);
    }

    [Theory]
    [InlineData("CFQ7TTC0LH18:0001:CFQ7TTC0K5BF", "P1M")]
    [InlineData("CFQ7TTC0LF8Q:0001:CFQ7TTC0K3HT", "P1Y")]
    [InlineData("cfq7ttc0lh18:0001:cfq7ttc0k5bf", null)]
    public void ClassifyOffer_NewCommerceOffer_IsNewCommerce(string offerId, string? termDuration)
    {
        ProductCatalog.ClassifyOffer(offerId, termDuration).ShouldBe(ProductKind.NewCommerce);
    }

    [Theory]
    [InlineData("", ProductKind.PerpetualSoftware)]
    [InlineData(null, ProductKind.PerpetualSoftware)]
    [InlineData("P3Y", ProductKind.SoftwareSubscription)]
    public void ClassifyOffer_SoftwareOffer_IsToldByTheTerm(string? termDuration, ProductKind expected)
    {
        ProductCatalog.ClassifyOffer("DG7GMGF0DWT0:0001:DG7GMGF0DSQR", termDuration).ShouldBe(expected);
    }

    [Theory]
    [InlineData("DZH318Z0BQ4B:000Z:DZH318Z0DSPL")]
    [InlineData("DZH318Z0C1BV:0001:DZH318Z0C3KD")]
    [InlineData("MS-AZR-0017P")]
    [InlineData("")]
    public void ClassifyOffer_AnyOtherOffer_IsUnknown(string offerId)
    {
        ProductCatalog.ClassifyOffer(offerId, "P1Y").ShouldBe(ProductKind.Unknown);
    }

    [Theory]
    [InlineData("DG7GMGF0DWT0:0001:DG7GMGF0DSQR", "DG7GMGF0DWT0")]
    [InlineData("MS-AZR-0145P", null)]
    [InlineData("031C9E47-4802-4248-838E-778FB1D2CC05", null)]
    [InlineData(":0001:DG7GMGF0DSQR", null)]
    [InlineData("DG7GMGF0DWT0:0001", null)]
    public void ProductIdOf_OfferId_IsTheFirstOfItsThreeParts(string offerId, string? expected)
    {
        ProductCatalog.ProductIdOf(offerId).ShouldBe(expected);
    }

    [Fact]
    public void TryGet_ProductRememberedInOtherCasing_IsFound()
    {
        var catalog = new ProductCatalog();
        catalog.Remember("DZH318Z0BQ4B", ProductKind.ReservedInstance);

        catalog.TryGet("dzh318z0bq4b", out var kind).ShouldBeTrue();
        kind.ShouldBe(ProductKind.ReservedInstance);
    }

    [Fact]
    public void TryGet_ProductNeverRemembered_IsNotFound()
    {
        new ProductCatalog().TryGet("DZH318Z0BQ4B", out _).ShouldBeFalse();
    }

    private static ProductDto Product(string id, string type, string? subType) => new()
    {
        Id = id,
        Title = id,
        ProductType = new ItemTypeDto
        {
            Id = type,
            DisplayName = type,
            SubType = subType is null ? null : new ItemTypeDto { Id = subType, DisplayName = subType },
        },
    };
}
