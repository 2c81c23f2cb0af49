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

    public static Order Cancelled(Order order) => order with { Status = OrderStatus.Cancelled, StatusText = "cancelled" };
}
