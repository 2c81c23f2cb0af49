using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

/// <summary>
/// A customer's orders: read once from Partner Center (the list is not paged there), then filtered, sorted and paged on
/// the server, so that only one page of rows is ever rendered. The view (filters, search, sort, page) lives in the URL,
/// so that it can be shared and survives a reload.
/// </summary>
public sealed partial class OrdersPage
{
    private static readonly int[] PageSizes = [25, 50, 100, 250];
    private readonly HashSet<string> _cancelling = [];
    private MudTable<Order>? _table;
    private Customer? _customer;
    private List<Order>? _all;
    private Problem? _problem;
    private bool _loading;
    private string? _loadedFor;
    private string _shownText = "";

    [Parameter]
    public required string CustomerId { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "billing")]
    public string? Billing { get; set; }

    [SupplyParameterFromQuery(Name = "type")]
    public string? Type { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "desc")]
    public bool? Desc { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? Page { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    public int? RowsPerPage { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    [Inject]
    public required CancelOrderFlow CancelFlow { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private string CustomerName => _customer?.CompanyName ?? CustomerId;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Customers", "customers"),
        new(CustomerName, null, disabled: true),
        new("Orders", null, disabled: true),
    ];

    private OrderStatus? StatusFilter => Parse<OrderStatus>(Status);

    private BillingCycle? BillingFilter => Parse<BillingCycle>(Billing);

    private ProductKind? KindFilter => Parse<ProductKind>(Type);

    private int PageSize => RowsPerPage is { } size && PageSizes.Contains(size) ? size : 50;

    private int PageIndex => Math.Max((Page ?? 1) - 1, 0);

    private string SortLabel => Sort ?? "created";

    private bool SortDescending => Sort is null ? Desc ?? true : Desc ?? false;

    private IEnumerable<(OrderStatus Status, int Count)> StatusCounts =>
        (_all ?? []).GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != CustomerId)
        {
            await LoadAsync();
        }
        else if (_table is not null)
        {
            // The view in the URL changed (a filter, back and forward): show it without asking Partner Center again.
            await _table.ReloadServerData();
        }
    }

    private async Task RefreshAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _problem = null;
        _all = null;
        _loadedFor = CustomerId;
        var customer = OrderService.GetCustomerAsync(CustomerId, PageToken).OrUnavailable();
        var orders = OrderService.ListOrdersAsync(CustomerId, PageToken).OrUnavailable();
        await Task.WhenAll(customer, orders);

        // The name is a nicety; the orders are the page.
        _customer = (await customer).Value;
        _all = (await orders).Value?.ToList();
        _problem = (await orders).Problem;
        _loading = false;
    }

    /// <summary>One page of the filtered, sorted orders, for the table; the URL follows the table's page and sort.</summary>
    private Task<TableData<Order>> ServerDataAsync(TableState state, CancellationToken cancellationToken)
    {
        var matching = Sorted(Filtered(), state.SortLabel ?? SortLabel, state.SortDirection switch
        {
            SortDirection.Ascending => false,
            SortDirection.Descending => true,
            _ => SortLabel == "created" && Sort is null,
        }).ToList();

        var pageIndex = Math.Min(state.Page, Math.Max((matching.Count - 1) / state.PageSize, 0));
        var page = matching.Skip(pageIndex * state.PageSize).Take(state.PageSize).ToList();
        _shownText = matching.Count == _all!.Count
            ? $"{_all.Count.ToString("N0", CultureInfo.InvariantCulture)} orders"
            : $"{matching.Count.ToString("N0", CultureInfo.InvariantCulture)} of {_all.Count.ToString("N0", CultureInfo.InvariantCulture)} orders match";

        if (state.SortDirection != SortDirection.None)
        {
            KeepInUrl(new()
            {
                ["sort"] = state.SortLabel,
                ["desc"] = state.SortDirection == SortDirection.Descending ? true : null,
                ["page"] = pageIndex > 0 ? pageIndex + 1 : null,
                ["size"] = state.PageSize != 50 ? state.PageSize : null,
            });
        }
        else
        {
            KeepInUrl(new() { ["page"] = pageIndex > 0 ? pageIndex + 1 : null, ["size"] = state.PageSize != 50 ? state.PageSize : null });
        }

        return Task.FromResult(new TableData<Order> { Items = page, TotalItems = matching.Count });
    }

    private IEnumerable<Order> Filtered()
    {
        var text = Q?.Trim();
        return _all!.Where(o =>
            (StatusFilter is not { } status || o.Status == status)
            && (BillingFilter is not { } billing || o.BillingCycle == billing)
            && (KindFilter is not { } kind || o.ProductKind == kind)
            && (string.IsNullOrEmpty(text)
                || o.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (o.AlternateId?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || o.LineItems.Any(l => l.ProductName.Contains(text, StringComparison.OrdinalIgnoreCase) || l.OfferId.Contains(text, StringComparison.OrdinalIgnoreCase))));
    }

    private static IEnumerable<Order> Sorted(IEnumerable<Order> orders, string label, bool descending)
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

        // Ties keep a stable order by creation date, newest first.
        return descending
            ? orders.OrderByDescending(key).ThenByDescending(o => o.CreatedAt)
            : orders.OrderBy(key).ThenByDescending(o => o.CreatedAt);
    }

    private SortDirection InitialDirection(string label) =>
        label != SortLabel ? SortDirection.None : SortDescending ? SortDirection.Descending : SortDirection.Ascending;

    private Task SetStatusAsync(OrderStatus? status) => ChangeViewAsync("status", status?.ToString());

    private Task SetBillingAsync(BillingCycle? billing) => ChangeViewAsync("billing", billing?.ToString());

    private Task SetKindAsync(ProductKind? kind) => ChangeViewAsync("type", kind?.ToString());

    private Task SetQueryAsync(string? query) => ChangeViewAsync("q", string.IsNullOrWhiteSpace(query) ? null : query);

    private Task ClearFiltersAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["status"] = null, ["billing"] = null, ["type"] = null, ["q"] = null, ["page"] = null,
        }), replace: true);
        return Task.CompletedTask;
    }

    // A filter changes what matches: the view starts again at the first page.
    private Task ChangeViewAsync(string name, string? value)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { [name] = value, ["page"] = null }), replace: true);
        return Task.CompletedTask;
    }

    private void KeepInUrl(Dictionary<string, object?> values)
    {
        var uri = Navigation.GetUriWithQueryParameters(values);
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private static string? CancelReason(Order order) => order switch
    {
        { Status: OrderStatus.Cancelled } => "This order is already cancelled.",
        { Cancellability.CanCancel: false } => order.Cancellability.Reason,
        _ => null,
    };

    private async Task CancelAsync(Order order)
    {
        if (CancelReason(order) is not null || !_cancelling.Add(order.Id))
        {
            return;
        }

        try
        {
            var outcome = await CancelFlow.ConfirmAndCancelAsync(order, CustomerName);
            if (outcome is null || HasLeft)
            {
                return;
            }

            if (outcome.Succeeded)
            {
                Replace(outcome.Value);
            }
            else
            {
                // After a failed or unanswered cancel the row shows what Partner Center now says.
                var again = await OrderService.GetOrderAsync(CustomerId, order.Id, PageToken).OrUnavailable();
                if (again.Succeeded)
                {
                    Replace(again.Value);
                }
            }
        }
        finally
        {
            _cancelling.Remove(order.Id);
        }

        if (!HasLeft && _table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private void Replace(Order order)
    {
        var index = _all?.FindIndex(o => o.Id == order.Id) ?? -1;
        if (index >= 0)
        {
            _all![index] = order;
        }
    }

    private string DetailsHref(Order order) =>
        $"customers/{Uri.EscapeDataString(CustomerId)}/orders/{Uri.EscapeDataString(order.Id)}";

    private static T? Parse<T>(string? value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}
