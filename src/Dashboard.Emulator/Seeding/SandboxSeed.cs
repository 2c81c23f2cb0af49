using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Seeding;

/// <summary>
/// The sandbox a new emulator starts with. Dates are relative to the moment the database is created, so that
/// the 60-day cancellation window and pending orders mean the same thing on every machine.
/// </summary>
internal sealed record SandboxSeed(IReadOnlyList<CustomerRecord> Customers, IReadOnlyList<OrderRecord> Orders)
{
    /// <summary>The customer and order of the seed document ("cancel an order from the integration sandbox").</summary>
    public const string SeedDocumentCustomerId = "bd59b416-37f9-4d8f-8df3-5750111fc615";

    public const string SeedDocumentOrderId = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    public static SandboxSeed For(string profile, DateTimeOffset now) => profile switch
    {
        "empty" => new SandboxSeed([], []),
        _ => Demo(now),
    };

    private static SandboxSeed Demo(DateTimeOffset now)
    {
        var contoso = Customer("bd59b416-37f9-4d8f-8df3-5750111fc615", "Contoso Sandbox Lab", "contososandboxlab.onmicrosoft.com");
        var fabrikam = Customer("3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13", "Fabrikam Test Tenant", "fabrikamtest.onmicrosoft.com");
        var northwind = Customer("8a2c4e6f-1b3d-4f5a-9c7e-0d2f4a6b8c91", "Northwind Traders (Sandbox)", "northwindsbx.onmicrosoft.com");
        var woodgrove = Customer("c7d9e1f3-5a7b-4c9d-8e1f-3a5b7c9d1e2f", "Woodgrove Bank QA", "woodgroveqa.onmicrosoft.com");
        var adatum = Customer("e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a", "Adatum Empty Tenant", "adatumempty.onmicrosoft.com");

        List<OrderRecord> orders =
        [
            // The seed document's order: perpetual software, still active so that it can be cancelled.
            Order(SeedDocumentOrderId, "11fc4bdfd47a", contoso, ProductKind.PerpetualSoftware, "one_time", now.AddDays(-12), "completed",
                Line(0, "DG7GMGF0DWT0:0001:DG7GMGF0DSQR", "Microsoft Identity Manager 2016 - 1 User CAL", 1, "")),
            Order("9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1", "3b7e0d1c9a42", contoso, ProductKind.ReservedInstance, "one_time", now.AddDays(-5), "completed",
                Line(0, "DZH318Z0BQ4B:000Z:DZH318Z0DSPL", "Reserved VM Instance, Standard_B1s, US East, 1 Year", 1, "P1Y")),
            Order("kyTs4y7jRu99MyeIudk6Q1G_aeUdT_tu1", "5d2a8f4e6c10", contoso, ProductKind.MarketplaceSaaS, "monthly", now.AddDays(-9), "completed",
                Line(0, "DZH318Z0C1BV:0001:DZH318Z0C3KD", "Contoso Cloud Backup (SaaS) - Standard", 5, "P1M", subscriptionId: "0c8f8a1e-6d0b-4e44-9f27-5b1f1f3a9d21")),
            Order("5cf72f146967", "5cf72f146967", contoso, ProductKind.NewCommerce, "monthly", now.AddDays(-3), "completed",
                Line(0, "CFQ7TTC0LH18:0001:CFQ7TTC0K5BF", "Microsoft 365 Business Basic", 3, "P1M", subscriptionId: "a0e1c6c2-79a8-4b0f-bd6b-2ea1b4c1e7f3")),

            Order("2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1", "c403d91b21d2", fabrikam, ProductKind.SoftwareSubscription, "one_time", now.AddDays(-20), "completed",
                Line(0, "DG7GMGF0FKZV:0003:DG7GMGF0DWMS", "SQL Server 2022 Enterprise - 2 Core License Pack - 3 year", 2, "P3Y"),
                Line(1, "DG7GMGF0DVSV:0007:DG7GMGF0DT5B", "Windows Server 2022 - 1 User CAL - 3 year", 10, "P3Y")),
            Order("4teYMtWYEeKM77JftGLIQYMOZPTwyOEV1", "8f3af3dea1ea", fabrikam, ProductKind.PerpetualSoftware, "one_time", now.AddDays(-75), "completed",
                Line(0, "DG7GMGF0DSDZ:0002:DG7GMGF0DSDW", "Visio Professional 2021", 4, "")),
            Order("hT8bq0Zr3mWc5YxN1vKe7uPa_2sLdJgF1", "7a1c3e5f9b2d", fabrikam, ProductKind.ReservedInstance, "one_time", now.AddHours(-2), "pending",
                Line(0, "DZH318Z0BQ4B:001Q:DZH318Z0DT2K", "Reserved VM Instance, Standard_B1s, West Europe, 3 Years", 1, "P3Y")),

            Order("0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b", "0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b", northwind, ProductKind.AzurePlan, "monthly", now.AddDays(-40), "completed",
                Line(0, "DZH318Z0BPS6:0001:DZH318Z0BPS6", "Azure plan", 1, "", subscriptionId: "b5e4d3c2-a1f0-4e9d-8c7b-6a5f4e3d2c1b")),
            Order("a41c9e2d7b3f", "a41c9e2d7b3f", northwind, ProductKind.NewCommerce, "annual", now.AddDays(-15), "completed",
                Line(0, "CFQ7TTC0LF8Q:0001:CFQ7TTC0K3HT", "Office 365 E3", 5, "P1Y", subscriptionId: "e2d1c0b9-a8f7-4e6d-9c5b-4a3f2e1d0c9b")),
            Order("Wm3Pq7Rt9Yv2Xs5Nb8Kd4Jf6Hg1La0ZeC1", "2e9d7c5b3a1f", northwind, ProductKind.ReservedInstance, "one_time", now.AddDays(-30), "cancelled",
                Line(0, "DZH318Z0BQ4B:000Z:DZH318Z0DSPL", "Reserved VM Instance, Standard_B1s, US East, 1 Year", 1, "P1Y")),

            Order("Qe2Rt4Yu6Io8Pa1Sd3Fg5Hj7Kl9Zx0Cv1", "6b8d0f2a4c6e", woodgrove, ProductKind.PerpetualSoftware, "one_time", now.AddDays(-1), "completed",
                Line(0, "DG7GMGF0FKZV:0001:DG7GMGF0DWMR", "SQL Server 2022 Standard - 2 Core License Pack", 4, ""),
                Line(1, "DG7GMGF0D3WB:0001:DG7GMGF0DM8F", "SQL Server 2022 - 1 User CAL", 25, ""),
                Line(2, "DG7GMGF0DVSV:0002:DG7GMGF0DT4Z", "Windows Server 2022 Standard - 16 Core License Pack", 2, "")),
            Order("Zx9Cv8Bn7Mq6Lw5Ke4Jr3Ht2Gy1Fu0Da1", "9c1e3a5b7d0f", woodgrove, ProductKind.MarketplaceSaaS, "annual", now.AddDays(-64), "completed",
                Line(0, "DZH318Z0C4RT:0002:DZH318Z0C6MN", "Woodgrove Threat Intelligence (SaaS) - Enterprise", 10, "P1Y", subscriptionId: "f9e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a")),
        ];

        return new SandboxSeed([contoso, fabrikam, northwind, woodgrove, adatum], orders);
    }

    private static CustomerRecord Customer(string id, string companyName, string domain) => new()
    {
        Id = id,
        CommerceId = id,
        CompanyName = companyName,
        Domain = domain,
    };

    private static OrderRecord Order(
        string id, string alternateId, CustomerRecord customer, ProductKind kind, string billingCycle,
        DateTimeOffset created, string status, params LineItemRecord[] lineItems) => new()
    {
        Id = id,
        AlternateId = alternateId,
        CustomerId = customer.Id,
        ProductKind = kind,
        BillingCycle = billingCycle,
        CreationDate = created,
        Status = status,
        LineItems = [.. lineItems],
    };

    private static LineItemRecord Line(int number, string offerId, string name, int quantity, string term, string? subscriptionId = null) => new()
    {
        LineItemNumber = number,
        OfferId = offerId,
        FriendlyName = name,
        Quantity = quantity,
        TermDuration = term,
        SubscriptionId = subscriptionId,
    };
}
