using Dashboard.Orders.Snapshots;

namespace Dashboard.Web.Features.Orders;

/// <summary>What the orders page shows: filters, search, sort and page. Null sort means newest first.</summary>
internal sealed record OrdersView(
    OrderStatus? Status, BillingCycle? Billing, ProductKind? Kind, string? Query, string? Sort, bool Descending, int PageIndex, int PageSize)
{
    /// <summary>The table's sortable columns: sort label (the URL's <c>sort</c> value), header, and what each sorts by.</summary>
    public static IReadOnlyList<(string Label, string Title, OrderSort Sort)> SortColumns { get; } =
    [
        ("alternateId", "Order", OrderSort.AlternateId),
        ("created", "Created (UTC)", OrderSort.Created),
        ("status", "Status", OrderSort.Status),
        ("billing", "Billing cycle", OrderSort.Billing),
        ("currency", "Currency", OrderSort.Currency),
        ("products", "Products", OrderSort.Products),
        ("lines", "Lines", OrderSort.Lines),
        ("cancellable", "Cancellable", OrderSort.Cancellable),
    ];

    private static readonly Dictionary<string, OrderSort> Columns =
        SortColumns.ToDictionary(c => c.Label, c => c.Sort, StringComparer.Ordinal);

    public static OrdersView Default { get; } = new(null, null, null, null, null, false, 0, 50);

    public OrderFilter Filter => new(Status, Billing, Kind, Query);

    /// <summary>Whether <paramref name="label"/> is one of the table's sort labels.</summary>
    public static bool IsSortLabel(string? label) => label is not null && Columns.ContainsKey(label);

    /// <summary>What the column <paramref name="label"/> sorts by; newest first when none or unknown.</summary>
    public static OrderSort SortOf(string? label) => label is not null && Columns.TryGetValue(label, out var sort) ? sort : OrderSort.Created;
}
