namespace Dashboard.Web.Features.Orders;

/// <summary>What the orders page shows: filters, search, sort and page. Null sort means newest first.</summary>
internal sealed record OrdersView(
    OrderStatus? Status, BillingCycle? Billing, ProductKind? Kind, string? Query, string? Sort, bool Descending, int PageIndex, int PageSize)
{
    public static OrdersView Default { get; } = new(null, null, null, null, null, false, 0, 50);

    /// <summary>Whether <paramref name="order"/> passes the filters and the search (ids, friendly id, products, offers).</summary>
    public bool Matches(Order order) =>
        (Status is not { } status || order.Status == status)
        && (Billing is not { } billing || order.BillingCycle == billing)
        && (Kind is not { } kind || order.ProductKind == kind)
        && (string.IsNullOrEmpty(Query)
            || order.Id.Contains(Query, StringComparison.OrdinalIgnoreCase)
            || (order.AlternateId?.Contains(Query, StringComparison.OrdinalIgnoreCase) ?? false)
            || order.LineItems.Any(l => l.ProductName.Contains(Query, StringComparison.OrdinalIgnoreCase) || l.OfferId.Contains(Query, StringComparison.OrdinalIgnoreCase)));

    /// <summary><paramref name="orders"/> in the order of the column <paramref name="label"/>; ties newest first.</summary>
    public static IEnumerable<Order> Sorted(IEnumerable<Order> orders, string label, bool descending)
    {
        Func<Order, object?> key = label switch
        {
            "alternateId" => o => o.AlternateId ?? o.Id,
            "status" => o => o.Status,
            "billing" => o => o.BillingCycle,
            "currency" => o => o.CurrencyCode,
            "products" => o => o.LineItems.Count > 0 ? o.LineItems[0].ProductName : "",
            "lines" => o => o.LineItems.Count,
            "cancellable" => o => o.Cancellability.Block,
            _ => o => o.CreatedAt,
        };

        return descending
            ? orders.OrderByDescending(key).ThenByDescending(o => o.CreatedAt)
            : orders.OrderBy(key).ThenByDescending(o => o.CreatedAt);
    }
}
