// Longer than 300 lines: the page's data, view and cancel flow belong together; selection is in OrdersPage.Selection.cs.
using System.Globalization;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

/// <summary>
/// A customer's orders: read from Partner Center (the list is not paged there) into a snapshot that every circuit
/// looking at the customer shares, then filtered, sorted and paged on the server, so that only one page of rows is ever
/// rendered and a circuit keeps no copy of the orders. The view (filters, search, sort, page) lives in the URL, so that
/// it can be shared and survives a reload.
/// </summary>
public sealed partial class OrdersPage
{
    private static readonly int[] PageSizes = [25, 50, 100, 250];
    private static readonly MarkupString SortIcon = new(Icons.Material.Filled.ArrowUpward);

    private readonly HashSet<string> _cancelling = [];
    private IReadOnlyList<Order> _rows = [];
    private int _matching;
    private Customer? _customer;
    private OrderSnapshot? _snapshot;
    private Problem? _problem;
    private bool _loading;
    private string? _loadedFor;
    private string _shownText = "";

    // The view is the page's own state; the URL is written from it, whole, every time it changes. (Merging single
    // changes into NavigationManager.Uri loses some: the URI updates only when the browser reports the navigation.)
    private OrdersView _view = OrdersView.Default;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

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

    // Numbers and flags are read as text: Blazor's own parsing fails the whole page on "?page=abc" or "?desc=maybe";
    // a malformed value here just means the default.
    [SupplyParameterFromQuery(Name = "desc")]
    public string? Desc { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? Page { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    public string? RowsPerPage { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    [Inject]
    public required OrderSnapshots Snapshots { get; init; }

    [Inject]
    public required CancelOrderFlow CancelFlow { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required CancelRights CancelRights { get; init; }

    private string CustomerName => _customer?.CompanyName ?? CustomerId;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Customers", "customers"),
        new($"{CustomerName} · Orders", null),
    ];

    private OrderStatus? StatusFilter => _view.Status;

    private BillingCycle? BillingFilter => _view.Billing;

    private ProductKind? KindFilter => _view.Kind;

    private int PageSize => _view.PageSize;

    private int PageIndex => _view.PageIndex;

    private IReadOnlyList<StatusCount> StatusCounts => _snapshot?.StatusCounts ?? [];

    /// <summary>Whether this user may cancel at all; readers see no cancel action, and the production guard disables them all.</summary>
    private CancelRight _right = CancelRight.None;

    protected override async Task OnInitializedAsync() => _right = await CancelRights.ForCurrentUserAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != CustomerId)
        {
            _view = ViewFromQuery();
            await LoadAsync(refresh: false);
        }
        else if (!_written.Contains(Navigation.Uri) && ViewFromQuery() is var fromUrl && fromUrl != _view)
        {
            // Someone else changed the URL (typed it, went back): show that view without asking Partner Center again.
            _view = fromUrl;
            await ShowViewAsync(fromAddress: true);
        }
    }

    private OrdersView ViewFromQuery() => new(
        QueryValue.Named<OrderStatus>(Status), QueryValue.Named<BillingCycle>(Billing), QueryValue.Named<ProductKind>(Type),
        string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        OrdersView.IsSortLabel(Sort) ? Sort : null,
        bool.TryParse(Desc, out var descending) && descending,
        int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page - 1 : 0,
        int.TryParse(RowsPerPage, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : 50);

    /// <summary>Refresh and Retry: Partner Center is read again, for every circuit that shows this customer.</summary>
    private Task RefreshAsync() => LoadAsync(refresh: true);

    private async Task LoadAsync(bool refresh)
    {
        var load = StartLoad();
        _loading = true;
        _problem = null;
        _snapshot = null;
        _loadedFor = CustomerId;
        var customer = OrderService.GetCustomerAsync(CustomerId, PageToken).OrUnavailable();
        var orders = Snapshots.GetAsync(CustomerId, ReadOrdersAsync, refresh, PageToken).OrUnavailable();
        await Task.WhenAll(customer, orders);
        if (!IsLatest(load))
        {
            return;
        }

        // The name is a nicety; the orders are the page.
        _customer = (await customer).Value;
        _snapshot = (await orders).Value;
        _problem = (await orders).Problem;
        _loading = false;
        KeepOnlySelectable();
        ShowView(fromAddress: !refresh);
    }

    private Task<Outcome<IReadOnlyList<Order>>> ReadOrdersAsync(CancellationToken cancellationToken) =>
        OrderService.ListOrdersAsync(CustomerId, cancellationToken);

    /// <summary>
    /// Moves to the customer's shared snapshot when it has changed since (a cancel elsewhere, a job, someone's Refresh),
    /// reading Partner Center only when it has expired. When that read fails, the rows already shown stay.
    /// </summary>
    private async Task FollowSharedSnapshotAsync()
    {
        var current = await Snapshots.GetAsync(CustomerId, ReadOrdersAsync, refresh: false, PageToken).OrUnavailable();
        if (current.Succeeded && !ReferenceEquals(current.Value, _snapshot))
        {
            _snapshot = current.Value;
            KeepOnlySelectable();
        }
    }

    /// <summary>Follows the shared snapshot (see <see cref="FollowSharedSnapshotAsync"/>), then shows the view.</summary>
    private async Task ShowViewAsync(bool fromAddress = false)
    {
        if (_snapshot is null)
        {
            return;
        }

        await FollowSharedSnapshotAsync();
        if (!HasLeft)
        {
            ShowView(fromAddress);
        }
    }

    /// <summary>
    /// One page of the filtered, sorted orders: the rows to render, the count shown above them, and the URL. A page
    /// beyond the last shows the first when it came from the address (an old link, say), and the last when the list
    /// shrank under the user (the last row of the last page cancelled, say).
    /// </summary>
    private void ShowView(bool fromAddress)
    {
        if (_snapshot is null)
        {
            _rows = [];
            return;
        }

        var matching = _snapshot.Select(_view.Filter, OrdersView.SortOf(_view.Sort), descending: _view.Sort is null || _view.Descending);
        _selectableInView = CanBulkCancel ? matching.Count(CanSelect) : 0;
        _matching = matching.Count;
        var pageIndex = _view.PageIndex <= LastPage ? _view.PageIndex : fromAddress ? 0 : LastPage;
        _rows = [.. matching.Skip(pageIndex * PageSize).Take(PageSize)];
        var all = _snapshot.Count;
        _shownText = matching.Count == all
            ? $"{all.ToString("N0", CultureInfo.InvariantCulture)} orders"
            : $"{matching.Count.ToString("N0", CultureInfo.InvariantCulture)} of {all.ToString("N0", CultureInfo.InvariantCulture)} orders match";
        _view = _view with { PageIndex = pageIndex };
        WriteUrl();
    }

    /// <summary>How many columns the table has, for the row that says nothing matches.</summary>
    private int ColumnCount => OrdersView.SortColumns.Count + (CanBulkCancel ? 1 : 0) + (_right.HasCancelRole ? 1 : 0);

    private int LastPage => Math.Max((_matching - 1) / PageSize, 0);

    /// <summary>"1-50 of 120", as MudBlazor's pager says it.</summary>
    private string PageCaption => _matching == 0
        ? "0-0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{(PageIndex * PageSize) + 1}-{Math.Min((PageIndex + 1) * PageSize, _matching)} of {_matching}");

    private IEnumerable<(string Name, int Target, MarkupString Icon)> PagerButtons =>
    [
        ("First page", 0, FirstPageIcon),
        ("Previous page", Math.Max(PageIndex - 1, 0), PreviousPageIcon),
        ("Next page", Math.Min(PageIndex + 1, LastPage), NextPageIcon),
        ("Last page", LastPage, LastPageIcon),
    ];

    private static readonly MarkupString FirstPageIcon = new(Icons.Material.Filled.FirstPage);
    private static readonly MarkupString PreviousPageIcon = new(Icons.Material.Filled.NavigateBefore);
    private static readonly MarkupString NextPageIcon = new(Icons.Material.Filled.NavigateNext);
    private static readonly MarkupString LastPageIcon = new(Icons.Material.Filled.LastPage);

    private Task GoToPageAsync(int pageIndex)
    {
        _view = _view with { PageIndex = pageIndex };
        return ShowViewAsync();
    }

    private Task SetPageSizeAsync(ChangeEventArgs e) =>
        int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size)
            ? ChangeViewAsync(_view with { PageSize = size })
            : Task.CompletedTask;

    /// <summary>
    /// A header's click: another column sorts by it ascending; the sorted column turns descending, then back to the
    /// default order (newest first), as MudBlazor's sort labels do.
    /// </summary>
    private Task SortByAsync(string label)
    {
        var view = _view.Sort != label ? _view with { Sort = label, Descending = false }
            : !_view.Descending ? _view with { Descending = true }
            : _view with { Sort = null, Descending = false };
        return ChangeViewAsync(view);
    }

    /// <summary>The phone's sort select: the chosen column, ascending (newest first for Created, the default).</summary>
    private Task SortFromSelectAsync(ChangeEventArgs e) => e.Value as string is var label && OrdersView.IsSortLabel(label)
        ? ChangeViewAsync(_view with { Sort = label == "created" ? null : label, Descending = false })
        : Task.CompletedTask;

    private string SortIconClass(string label) =>
        _view.Sort != label ? "mud-direction-none" : _view.Descending ? "mud-direction-desc" : "mud-direction-asc";

    /// <summary>The header's <c>aria-sort</c>: the column the rows are in order of (newest first when none is chosen).</summary>
    private string? AriaSort(string label) =>
        (_view.Sort ?? "created") != label ? null : _view.Sort is null || _view.Descending ? "descending" : "ascending";

    private Task SetStatusAsync(OrderStatus? status) => ChangeViewAsync(_view with { Status = status });

    private Task SetBillingAsync(BillingCycle? billing) => ChangeViewAsync(_view with { Billing = billing });

    private Task SetKindAsync(ProductKind? kind) => ChangeViewAsync(_view with { Kind = kind });

    private async Task SetQueryAsync(string? query)
    {
        if (await TypingPausedAsync())
        {
            await ChangeViewAsync(_view with { Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim() });
        }
    }

    private Task ClearFiltersAsync() => ChangeViewAsync(_view with { Status = null, Billing = null, Kind = null, Query = null });

    // A filter changes what matches: the view starts again at the first page.
    private async Task ChangeViewAsync(OrdersView view)
    {
        _view = view with { PageIndex = 0 };
        await ShowViewAsync();
    }

    private void WriteUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["status"] = _view.Status?.ToString(),
            ["billing"] = _view.Billing?.ToString(),
            ["type"] = _view.Kind?.ToString(),
            ["q"] = _view.Query,
            ["sort"] = _view.Sort,
            ["desc"] = _view.Sort is not null && _view.Descending ? "true" : null,
            ["page"] = _view.PageIndex > 0 ? _view.PageIndex + 1 : null,
            ["size"] = _view.PageSize != 50 ? _view.PageSize : null,
        });
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            _written.Add(uri);
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private string? CancelReason(Order order) => _right.WhyNotFor(order);

    private async Task CancelAsync(Order order)
    {
        if (!_right.HasCancelRole || CancelReason(order) is not null || !_cancelling.Add(order.Id))
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
                await ShowAsync(outcome.Value);
            }
            else
            {
                // After a failed or unanswered cancel the row shows what Partner Center now says.
                var again = await OrderService.GetOrderAsync(CustomerId, order.Id, PageToken).OrUnavailable();
                if (again.Succeeded)
                {
                    await ShowAsync(again.Value);
                }
            }
        }
        finally
        {
            _cancelling.Remove(order.Id);
        }

        if (!HasLeft)
        {
            await ShowViewAsync();
        }
    }

    /// <summary>
    /// Shows Partner Center's answer about one order, through the shared snapshot, so that every page showing the
    /// customer shows it too (the order service has usually put it there already; then this changes nothing).
    /// </summary>
    private async Task ShowAsync(Order order)
    {
        await Snapshots.UpdateAsync(order, CancellationToken.None);
        await FollowSharedSnapshotAsync();
    }

    private string DetailsHref(Order order) =>
        $"customers/{Uri.EscapeDataString(CustomerId)}/orders/{Uri.EscapeDataString(order.Id)}";
}
