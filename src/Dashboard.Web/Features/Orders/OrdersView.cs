using Dashboard.Orders.Snapshots;

namespace Dashboard.Web.Features.Orders;

/// <summary>What the orders page shows: filters, search, sort and page. Null sort means newest first.</summary>
internal sealed record OrdersView(
    OrderStatus? Status, BillingCycle? Billing, ProductKind? Kind, string? Query, string? Sort, bool Descending, int PageIndex, int PageSize)
{
    /// <summary>The sort labels of the table's columns (also the URL's <c>sort</c> values), and what each sorts by.</summary>
    private static readonly Dictionary<string, OrderSort> Columns = new(StringComparer.Ordinal)
    {
        ["alternateId"] = OrderSort.AlternateId,
        ["created"] = OrderSort.Created,
        ["status"] = OrderSort.Status,
        ["billing"] = OrderSort.Billing,
        ["currency"] = OrderSort.Currency,
        ["products"] = OrderSort.Products,
        ["lines"] = OrderSort.Lines,
        ["cancellable"] = OrderSort.Cancellable,
    };

    public static OrdersView Default { get; } = new(null, null, null, null, null, false, 0, 50);

    public OrderFilter Filter => new(Status, Billing, Kind, Query);

    /// <summary>Whether <paramref name="label"/> is one of the table's sort labels.</summary>
    public static bool IsSortLabel(string? label) => label is not null && Columns.ContainsKey(label);

    /// <summary>What the column <paramref name="label"/> sorts by; newest first when none or unknown.</summary>
    public static OrderSort SortOf(string? label) => label is not null && Columns.TryGetValue(label, out var sort) ? sort : OrderSort.Created;
}
