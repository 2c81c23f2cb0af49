namespace Dashboard.Web.Tests;

/// <summary>Customers and orders shaped like the integration sandbox's, for the pages to show.</summary>
internal static class Sandbox
{
    public static readonly Customer Contoso = new("bd59b416-37f9-4d8f-8df3-5750111fc615", "Contoso Ltd", "contoso.onmicrosoft.com");

    public static readonly Customer Fabrikam = new("3c0a6f4e-9b1d-4e8a-a5f2-6d7c8b9e0f12", "Fabrikam, Inc.", "fabrikam.onmicrosoft.com");

    /// <summary>A completed annual order of Contoso with three lines over two products.</summary>
    public static readonly Order AnnualOrder = new()
    {
        Id = "5f1c2a9e-0d3b-4c7a-9e8f-1a2b3c4d5e6f",
        AlternateId = "1a2b3c4d5e6f",
        CustomerId = Contoso.Id,
        Status = OrderStatus.Completed,
        StatusText = "completed",
        BillingCycle = BillingCycle.Annual,
        BillingCycleText = "annual",
        CurrencyCode = "EUR",
        CurrencySymbol = "€",
        CreatedAt = new DateTimeOffset(2026, 11, 20, 14, 5, 0, TimeSpan.Zero),
        TransactionType = "UserPurchase",
        Cancellability = Cancellability.Allowed(),
        LineItems =
        [
            new OrderLineItem
            {
                Number = 0,
                ProductName = "Microsoft 365 E3",
                OfferId = "CFQ7TTC0LFLZ:0002:CFQ7TTC0LF8Q",
                Quantity = 25,
                TermDuration = "P1Y",
                TransactionType = "New",
                SubscriptionId = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
            },
            new OrderLineItem
            {
                Number = 1,
                ProductName = "Power BI Pro",
                OfferId = "CFQ7TTC0L3PB:0001:CFQ7TTC0KXGZ",
                Quantity = 3,
                TermDuration = "P1M",
                TransactionType = "New",
            },
            new OrderLineItem
            {
                Number = 2,
                ProductName = "Microsoft 365 E3",
                OfferId = "CFQ7TTC0LFLZ:0002:CFQ7TTC0LF8Q",
                Quantity = 5,
                TermDuration = "P3Y",
                TransactionType = "AddQuantity",
            },
        ],
    };

    /// <summary>A one-time order for perpetual software, in another currency and with no friendly id.</summary>
    public static readonly Order PerpetualSoftwareOrder = new()
    {
        Id = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
        CustomerId = Contoso.Id,
        ProductKind = ProductKind.PerpetualSoftware,
        Status = OrderStatus.Pending,
        StatusText = "pending",
        BillingCycle = BillingCycle.OneTime,
        BillingCycleText = "one_time",
        CurrencyCode = "USD",
        CurrencySymbol = "$",
        CreatedAt = new DateTimeOffset(2026, 10, 2, 8, 30, 0, TimeSpan.Zero),
        LineItems =
        [
            new OrderLineItem
            {
                Number = 0,
                ProductName = "SQL Server Standard 2022",
                OfferId = "DG7GMGF0FKZV:0001:DG7GMGF0DWMS",
                Quantity = 2,
                TermDuration = null,
                TransactionType = "New",
            },
        ],
    };

    /// <summary>
    /// A completed software subscription order with three lines still held, cancellable by order or line by line, with
    /// its links as Partner Center gives them.
    /// </summary>
    public static readonly Order SoftwareOrder = new()
    {
        Id = "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e",
        AlternateId = "7f6a5b4c3d2e",
        CustomerId = Contoso.Id,
        Status = OrderStatus.Completed,
        StatusText = "completed",
        BillingCycle = BillingCycle.Monthly,
        BillingCycleText = "monthly",
        CurrencyCode = "EUR",
        CurrencySymbol = "€",
        CreatedAt = new DateTimeOffset(2026, 11, 24, 9, 15, 0, TimeSpan.Zero),
        TransactionType = "UserPurchase",
        ProductKind = ProductKind.SoftwareSubscription,
        Cancellability = Cancellability.Allowed(),
        Links =
        [
            new ResourceLink("self", "GET", "/customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders/b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e"),
            new ResourceLink("provisioningStatus", "GET", "/customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders/b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e/provisioningstatus"),
        ],
        LineItems =
        [
            SoftwareLine(0, "Windows Server 2022 Datacenter", "DG7GMGF0DVSV:0006:DG7GMGF0C7R4", 10),
            SoftwareLine(1, "Visual Studio Professional", "DG7GMGF0D3SJ:0002:DG7GMGF0FM0Q", 5),
            SoftwareLine(2, "Project Professional 2021", "DG7GMGF0F4MH:0001:DG7GMGF0F2Z1", 2),
        ],
    };

    /// <summary>A new-commerce order, which the sandbox's rules cancel through its subscription, not by order.</summary>
    public static readonly Order NewCommerceOrder = new()
    {
        Id = "e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f",
        AlternateId = "0a1b2c3d4e5f",
        CustomerId = Contoso.Id,
        Status = OrderStatus.Completed,
        StatusText = "completed",
        BillingCycle = BillingCycle.Monthly,
        BillingCycleText = "monthly",
        CurrencyCode = "EUR",
        CreatedAt = new DateTimeOffset(2026, 11, 22, 16, 40, 0, TimeSpan.Zero),
        ProductKind = ProductKind.NewCommerce,
        Cancellability = Cancellability.Blocked(CancelBlock.CancelThroughSubscription,
            "New-commerce orders are cancelled through their subscriptions, not by order."),
        LineItems =
        [
            new OrderLineItem
            {
                Number = 0,
                ProductName = "Microsoft Teams Essentials",
                OfferId = "CFQ7TTC0RL18:0001:CFQ7TTC0TMVF",
                Quantity = 12,
                TermDuration = "P1M",
                TransactionType = "New",
            },
        ],
    };

    /// <summary>
    /// The order as Partner Center gives it back once cancelled: the order service evaluates its rules again, so it can no
    /// longer be cancelled.
    /// </summary>
    public static Order Cancelled(Order order) => order with
    {
        Status = OrderStatus.Cancelled,
        StatusText = "cancelled",
        Cancellability = Cancellability.Blocked(CancelBlock.AlreadyCancelled, "This order is already cancelled."),
    };

    /// <summary>
    /// <paramref name="count"/> completed orders an hour apart, the newest first: <c>order-001</c> (friendly id
    /// <c>000000000001</c>) is the newest.
    /// </summary>
    public static Order[] ManyOrders(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => AnnualOrder with
        {
            Id = $"order-{i:000}",
            AlternateId = $"{i:000000000000}",
            CreatedAt = AnnualOrder.CreatedAt!.Value.AddHours(-i),
        }),
    ];

    private static OrderLineItem SoftwareLine(int number, string product, string offerId, int quantity) => new()
    {
        Number = number,
        ProductName = product,
        OfferId = offerId,
        Quantity = quantity,
        TermDuration = "P1Y",
        TransactionType = "New",
        Links =
        [
            new ResourceLink("product", "GET", $"/products/{offerId.Split(':')[0]}"),
            new ResourceLink("provisioningStatus", "GET", $"/customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders/b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e/lineitems/{number}/provisioningstatus"),
        ],
    };
}
