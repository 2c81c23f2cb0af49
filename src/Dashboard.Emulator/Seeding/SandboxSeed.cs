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

    /// <summary>The indirect reseller some demo customers bought through.</summary>
    public const string IndirectResellerId = "4847383";

    public const string AdditionalIndirectResellerId = "5357564";

    private static readonly string[] DemoCompanies =
    [
        "Alpine Ski House", "Blue Yonder Airlines", "City Power & Light", "Coho Winery", "Consolidated Messenger",
        "Fourth Coffee", "Graphic Design Institute", "Humongous Insurance", "Litware, Inc.", "Lucerne Publishing",
        "Margie's Travel", "Proseware, Inc.", "Tailspin Toys", "Trey Research", "Wide World Importers",
    ];

    public static SandboxSeed For(EmulatorOptions options, DateTimeOffset now) => options.Seed switch
    {
        "empty" => new SandboxSeed([], []),
        "large" => Large(options.Large, now),
        "bulk" => Bulk(options.Large, now),
        _ => Demo(now),
    };

    /// <summary>
    /// About twenty customers with orders of every kind. Five are written by hand (the seed document's order among
    /// them) and stay the same; fifteen more are generated from a fixed seed.
    /// </summary>
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
            Order(SeedDocumentOrderId, "11fc4bdfd47a", contoso, ProductKind.PerpetualSoftware, now.AddDays(-12), "completed",
                Line(0, "DG7GMGF0DWT0:0001:DG7GMGF0DSQR", 1)),
            Order("9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1", "3b7e0d1c9a42", contoso, ProductKind.ReservedInstance, now.AddDays(-5), "completed",
                Line(0, "DZH318Z0BQ4B:000Z:DZH318Z0DSPL", 1)),
            Order("kyTs4y7jRu99MyeIudk6Q1G_aeUdT_tu1", "5d2a8f4e6c10", contoso, ProductKind.MarketplaceSaaS, now.AddDays(-9), "completed",
                Line(0, "DZH318Z0C1BV:0001:DZH318Z0C3KD", 5, subscriptionId: "0c8f8a1e-6d0b-4e44-9f27-5b1f1f3a9d21")),
            Order("5cf72f146967", "5cf72f146967", contoso, ProductKind.NewCommerce, now.AddDays(-3), "completed",
                Line(0, "CFQ7TTC0LH18:0001:CFQ7TTC0K5BF", 3, subscriptionId: "a0e1c6c2-79a8-4b0f-bd6b-2ea1b4c1e7f3", partnerIdOnRecord: IndirectResellerId)),

            Order("2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1", "c403d91b21d2", fabrikam, ProductKind.SoftwareSubscription, now.AddDays(-20), "completed",
                Line(0, "DG7GMGF0FKZV:0003:DG7GMGF0DWMS", 2),
                Line(1, "DG7GMGF0DVT7:000C:DG7GMGF0FVZM", 10)),
            Order("4teYMtWYEeKM77JftGLIQYMOZPTwyOEV1", "8f3af3dea1ea", fabrikam, ProductKind.PerpetualSoftware, now.AddDays(-75), "completed",
                Line(0, "DG7GMGF0DSDZ:0002:DG7GMGF0DSDW", 4)),
            Order("hT8bq0Zr3mWc5YxN1vKe7uPa_2sLdJgF1", "7a1c3e5f9b2d", fabrikam, ProductKind.ReservedInstance, now.AddHours(-2), "pending",
                Line(0, "DZH318Z0BQ4B:001Q:DZH318Z0DT2K", 1)),

            Order("0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b", "0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b", northwind, ProductKind.AzurePlan, now.AddDays(-40), "completed",
                Line(0, "DZH318Z0BPS6:0001:DZH318Z0BPS6", 1, subscriptionId: "b5e4d3c2-a1f0-4e9d-8c7b-6a5f4e3d2c1b")),
            Order("a41c9e2d7b3f", "a41c9e2d7b3f", northwind, ProductKind.NewCommerce, now.AddDays(-15), "completed",
                Line(0, "CFQ7TTC0LF8Q:0001:CFQ7TTC0K3HT", 5, subscriptionId: "e2d1c0b9-a8f7-4e6d-9c5b-4a3f2e1d0c9b")),
            Order("Wm3Pq7Rt9Yv2Xs5Nb8Kd4Jf6Hg1La0ZeC1", "2e9d7c5b3a1f", northwind, ProductKind.ReservedInstance, now.AddDays(-30), "cancelled",
                Line(0, "DZH318Z0BQ4B:000Z:DZH318Z0DSPL", 1)),

            Order("Qe2Rt4Yu6Io8Pa1Sd3Fg5Hj7Kl9Zx0Cv1", "6b8d0f2a4c6e", woodgrove, ProductKind.PerpetualSoftware, now.AddDays(-1), "completed",
                Line(0, "DG7GMGF0FLR2:0001:DG7GMGF0DWMR", 4),
                Line(1, "DG7GMGF0D3WB:0001:DG7GMGF0DM8F", 25),
                Line(2, "DG7GMGF0DVSV:0002:DG7GMGF0DT4Z", 2)),
            Order("Zx9Cv8Bn7Mq6Lw5Ke4Jr3Ht2Gy1Fu0Da1", "9c1e3a5b7d0f", woodgrove, ProductKind.MarketplaceSaaS, now.AddDays(-64), "completed",
                Line(0, "DZH318Z0C4RT:0002:DZH318Z0C6MN", 10, subscriptionId: "f9e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a")),
        ];

        List<CustomerRecord> customers = [contoso, fabrikam, northwind, woodgrove, adatum];
        var generator = new SandboxGenerator(seed: 2026, now);
        for (var i = 0; i < DemoCompanies.Length; i++)
        {
            var customer = generator.Customer(DemoCompanies[i]);
            customers.Add(customer);
            // Every third generated customer bought through the indirect reseller.
            orders.AddRange(generator.Orders(customer, 3 + (i * 7 % 10), i % 3 == 0 ? IndirectResellerId : null));
        }

        return new SandboxSeed(customers, orders);
    }

    private static SandboxSeed Large(LargeSeedOptions large, DateTimeOffset now)
    {
        var generator = new SandboxGenerator(seed: 75, now);
        var customers = Enumerable.Range(1, large.Customers)
            .Select(i => generator.Customer($"Sandbox Customer {i:D4}"))
            .ToList();
        var orders = customers.SelectMany(c => generator.Orders(c, large.OrdersPerCustomer)).ToList();
        return new SandboxSeed(customers, orders);
    }

    /// <summary>
    /// A sandbox to clear out, for bulk jobs and their tests: the sizes of <c>Emulator:Large</c>, every order a completed
    /// reservation or software purchase of the last 30 days, so that every one can be cancelled by order.
    /// </summary>
    private static SandboxSeed Bulk(LargeSeedOptions large, DateTimeOffset now)
    {
        var generator = new SandboxGenerator(seed: 11, now);
        var customers = Enumerable.Range(1, large.Customers)
            .Select(i => generator.Customer($"Bulk Test Customer {i:D4}"))
            .ToList();
        var orders = customers.SelectMany(c => generator.CancellableOrders(c, large.OrdersPerCustomer)).ToList();
        return new SandboxSeed(customers, orders);
    }

    private static CustomerRecord Customer(string id, string companyName, string domain) => new()
    {
        Id = id,
        CommerceId = id,
        CompanyName = companyName,
        Domain = domain,
    };

    private static OrderRecord Order(
        string id, string alternateId, CustomerRecord customer, ProductKind kind,
        DateTimeOffset created, string status, params (string OfferId, int Quantity, string? SubscriptionId, string? PartnerIdOnRecord, int Number)[] lines) => new()
    {
        Id = id,
        AlternateId = alternateId,
        CustomerId = customer.Id,
        ProductKind = kind,
        BillingCycle = SandboxCatalog.Offer(lines[0].OfferId).BillingCycle,
        CreationDate = created,
        Status = status,
        LineItems = [.. lines.Select(l => SandboxGenerator.Line(l.Number, SandboxCatalog.Offer(l.OfferId), l.Quantity, kind, l.PartnerIdOnRecord, l.SubscriptionId))],
    };

    private static (string OfferId, int Quantity, string? SubscriptionId, string? PartnerIdOnRecord, int Number) Line(
        int number, string offerId, int quantity, string? subscriptionId = null, string? partnerIdOnRecord = null) =>
        (offerId, quantity, subscriptionId, partnerIdOnRecord, number);
}
