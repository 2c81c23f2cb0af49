namespace Dashboard.Orders;

/// <summary>The status of an order as Partner Center reports it.</summary>
public enum OrderStatus
{
    /// <summary>Absent, legacy (<c>none</c>) or a value this version does not know; the raw text is in <see cref="Order.StatusText"/>.</summary>
    Unknown,
    Pending,
    Completed,
    Cancelled,
}

/// <summary>How an order is billed.</summary>
public enum BillingCycle
{
    /// <summary>Absent or a value this version does not know; the raw text is in <see cref="Order.BillingCycleText"/>.</summary>
    Unknown,
    OneTime,
    Monthly,
    Annual,
    Biennial,
    Triennial,

    /// <summary>No billing, e.g. a trial.</summary>
    None,
}

/// <summary>A Partner Center order, as the dashboard shows it.</summary>
public sealed record Order
{
    public required string Id { get; init; }

    /// <summary>The friendly id Partner Center shows to people (12 hex digits for catalog orders).</summary>
    public string? AlternateId { get; init; }

    public required string CustomerId { get; init; }

    public OrderStatus Status { get; init; }

    /// <summary>The status exactly as Partner Center wrote it.</summary>
    public string? StatusText { get; init; }

    public BillingCycle BillingCycle { get; init; }

    /// <summary>The billing cycle exactly as Partner Center wrote it.</summary>
    public string? BillingCycleText { get; init; }

    public string? CurrencyCode { get; init; }

    public string? CurrencySymbol { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>UserPurchase</c>, <c>SystemPurchase</c> or <c>SystemBilling</c>.</summary>
    public string? TransactionType { get; init; }

    public IReadOnlyList<OrderLineItem> LineItems { get; init; } = [];

    /// <summary>What the catalog says the order's product is; it decides how the order is cancelled.</summary>
    public ProductKind ProductKind { get; init; }

    /// <summary>The order's links (self, provisioning status, patch operation), as Partner Center gives them.</summary>
    public IReadOnlyList<ResourceLink> Links { get; init; } = [];

    /// <summary>Whether the dashboard can cancel the order, and why not when it cannot.</summary>
    public Cancellability Cancellability { get; init; } = Cancellability.NotEvaluated;

    /// <summary>The distinct product names of the line items, in line order.</summary>
    public IReadOnlyList<string> ProductNames => [.. LineItems.Select(l => l.ProductName).Distinct(StringComparer.Ordinal)];
}

/// <summary>One line of an order.</summary>
public sealed record OrderLineItem
{
    public int Number { get; init; }

    /// <summary>The friendly name, or the offer id when Partner Center gave no name.</summary>
    public required string ProductName { get; init; }

    /// <summary><c>{productId}:{skuId}:{availabilityId}</c> for catalog offers, a legacy offer id otherwise.</summary>
    public required string OfferId { get; init; }

    public int Quantity { get; init; }

    /// <summary>ISO-8601 term such as <c>P1Y</c>; empty for perpetual software.</summary>
    public string? TermDuration { get; init; }

    public string? TransactionType { get; init; }

    public string? SubscriptionId { get; init; }

    /// <summary>The line's links (product, SKU, availability, subscription, provisioning status), as Partner Center gives them.</summary>
    public IReadOnlyList<ResourceLink> Links { get; init; } = [];
}

/// <summary>A link of a Partner Center resource, shown as data: what it points to and how.</summary>
public sealed record ResourceLink(string Name, string Method, string Uri);

/// <summary>How far one order line has been provisioned: Fulfilled, Unfulfilled, PrefulfillmentPending, or what Partner Center said.</summary>
public sealed record LineProvisioning(int LineItemNumber, string Status);

/// <summary>One page of customers, and the token of the next one when there is more.</summary>
public sealed record CustomerPage(IReadOnlyList<Customer> Customers, string? NextPageToken);
