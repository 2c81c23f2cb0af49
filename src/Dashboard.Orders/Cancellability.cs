namespace Dashboard.Orders;

/// <summary>
/// The kinds of product an order can be for, which decide how it is cancelled
/// (docs/partner-center.md#cancellation-matrix, docs/partner-center.md#product-kinds).
/// </summary>
public enum ProductKind
{
    /// <summary>The catalog could not tell; Partner Center decides when asked.</summary>
    Unknown,
    ReservedInstance,
    PerpetualSoftware,
    SoftwareSubscription,
    MarketplaceSaaS,
    NewCommerce,
    AzurePlan,

    /// <summary>A legacy license-based offer (a GUID offer id), cancelled through its subscription.</summary>
    LegacyLicense,
}

/// <summary>Why an order cannot be cancelled here.</summary>
public enum CancelBlock
{
    None,
    AlreadyCancelled,
    Pending,
    CancelThroughSubscription,
    WindowPassed,

    /// <summary>The rules have not been applied to the order yet (its product kind is not known yet).</summary>
    NotChecked,
}

/// <summary>Whether the dashboard can cancel an order, with the reason shown to the user when it cannot.</summary>
public sealed record Cancellability(bool CanCancel, CancelBlock Block, string? Reason)
{
    /// <summary>
    /// Not evaluated: the order was built without the rules, so its product kind is not known yet. Failing closed, it
    /// cannot be cancelled until the rules have been applied; only an order classified as of unknown kind is left to
    /// Partner Center (see <see cref="CancellationRules.Evaluate"/>).
    /// </summary>
    public static Cancellability NotEvaluated { get; } = new(false, CancelBlock.NotChecked,
        "Whether this order can be cancelled has not been checked yet. Refresh the orders to check it.");

    public static Cancellability Allowed(string? note = null) => new(true, CancelBlock.None, note);

    public static Cancellability Blocked(CancelBlock block, string reason) => new(false, block, reason);
}

/// <summary>
/// The integration sandbox's rules for cancelling by order (docs/partner-center.md#cancellation-matrix), known before
/// the user asks: reserved instances, perpetual software and software subscriptions are cancelled by order, within 60
/// days and once the order has completed; new commerce, marketplace SaaS, Azure plan and legacy license orders through
/// their subscriptions.
/// </summary>
public static class CancellationRules
{
    public const int WindowDays = 60;

    /// <param name="order">The order, with its product kind.</param>
    /// <param name="now">The time the 60-day window is judged at.</param>
    /// <param name="productKindKnown">
    /// False when the product catalog could not be asked and the offer id alone does not tell: the order is then not
    /// cancellable until it can be classified, rather than left to Partner Center as an order of unknown kind is.
    /// </param>
    public static Cancellability Evaluate(Order order, DateTimeOffset now, bool productKindKnown = true)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status == OrderStatus.Cancelled)
        {
            return Cancellability.Blocked(CancelBlock.AlreadyCancelled, "This order is already cancelled.");
        }

        if (order.Status == OrderStatus.Pending)
        {
            return Cancellability.Blocked(CancelBlock.Pending,
                "This order is still being processed. Partner Center cancels an order once it has completed; try again later.");
        }

        if (SubscriptionKind(order.ProductKind) is { } kind)
        {
            return Cancellability.Blocked(CancelBlock.CancelThroughSubscription,
                $"{kind} orders are cancelled through their subscriptions, not by order.");
        }

        if (order.CreatedAt is { } created && now - created > TimeSpan.FromDays(WindowDays))
        {
            return Cancellability.Blocked(CancelBlock.WindowPassed,
                $"This order was placed on {created.UtcDateTime:yyyy-MM-dd}, more than {WindowDays} days ago; Partner Center no longer cancels it.");
        }

        if (!productKindKnown)
        {
            return Cancellability.Blocked(CancelBlock.NotChecked,
                "The product catalog could not be asked what this order is, so whether it can be cancelled is not known yet. Refresh to ask again.");
        }

        if (order.ProductKind == ProductKind.Unknown)
        {
            return Cancellability.Allowed("The product type of this order is unknown; Partner Center decides whether it can be cancelled.");
        }

        return order.CreatedAt is null
            ? Cancellability.Allowed($"Partner Center gave no creation date, so the {WindowDays}-day window could not be checked; Partner Center decides.")
            : Cancellability.Allowed();
    }

    /// <summary>Software orders can have some of their lines cancelled on their own.</summary>
    public static bool CanCancelLines(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Cancellability.CanCancel
            && order.ProductKind is ProductKind.PerpetualSoftware or ProductKind.SoftwareSubscription
            && order.LineItems.Count(l => l.Quantity > 0) > 1;
    }

    private static string? SubscriptionKind(ProductKind kind) => kind switch
    {
        ProductKind.NewCommerce => "New-commerce",
        ProductKind.MarketplaceSaaS => "Marketplace SaaS",
        ProductKind.AzurePlan => "Azure plan",
        ProductKind.LegacyLicense => "License-based",
        _ => null,
    };
}
