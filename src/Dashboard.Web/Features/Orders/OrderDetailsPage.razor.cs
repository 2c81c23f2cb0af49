using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

public sealed partial class OrderDetailsPage
{
    /// <summary>Changes after each cancel, so that the order's history reads its new records.</summary>
    private int _historyVersion;
    private Customer? _customer;
    private Order? _order;
    private Problem? _problem;
    private Problem? _cancelProblem;
    private bool _cancelling;
    private bool _linksShown;
    private HashSet<OrderLineItem> _selectedLines = [];
    private Dictionary<int, string>? _provisioning;
    private string? _provisioningNote;

    [Parameter]
    public required string CustomerId { get; set; }

    [Parameter]
    public required string OrderId { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    [Inject]
    public required CancelOrderFlow CancelFlow { get; init; }

    [Inject]
    public required CancelRights CancelRights { get; init; }

    private string CustomerName => _customer?.CompanyName ?? CustomerId;

    private string OrderName => _order?.AlternateId ?? _order?.Id ?? OrderId;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Customers", "customers"),
        new($"{CustomerName} · Orders", $"customers/{Uri.EscapeDataString(CustomerId)}/orders"),
        new($"Order {OrderName}", null),
    ];

    /// <summary>Why the cancel action is off, or null when it is available: the sandbox's rules, known before the user asks.</summary>
    private string? CancelUnavailableReason => _order is null ? null : _right.WhyNotFor(_order);

    /// <summary>A note shown beside an available cancel, e.g. when the product type is unknown and Partner Center decides.</summary>
    private string? CancelNote => _order is { Cancellability: { CanCancel: true, Reason: { } note } } && CancelUnavailableReason is null ? note : null;

    /// <summary>Whether this user may cancel at all; readers see no cancel action, and the production guard disables it.</summary>
    private CancelRight _right = CancelRight.None;

    protected override async Task OnInitializedAsync() => _right = await CancelRights.ForCurrentUserAsync();

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var load = StartLoad();
        _problem = null;
        _cancelProblem = null;
        _order = null;
        _provisioning = null;
        _provisioningNote = null;
        var customer = OrderService.GetCustomerAsync(CustomerId, PageToken).OrUnavailable();
        var order = OrderService.GetOrderAsync(CustomerId, OrderId, PageToken).OrUnavailable();
        await Task.WhenAll(customer, order);
        if (!IsLatest(load))
        {
            return;
        }
        _customer = (await customer).Value;
        _order = (await order).Value;
        _problem = (await order).Problem;
        _selectedLines = [];
        if (_order is not null)
        {
            await LoadProvisioningAsync(_order.Id);
        }
    }

    /// <summary>Each line's provisioning, when Partner Center tells it (App+User tokens only); the page works without it.</summary>
    private async Task LoadProvisioningAsync(string orderId)
    {
        var outcome = await OrderService.GetProvisioningStatusAsync(CustomerId, orderId, PageToken).OrUnavailable();
        if (HasLeft || _order?.Id != orderId)
        {
            return;
        }

        _provisioning = outcome.Value?.ToDictionary(p => p.LineItemNumber, p => p.Status);
        _provisioningNote = outcome.Succeeded ? null : $"Provisioning status not available: {outcome.Problem.Message}";
    }

    private string ProvisioningOf(OrderLineItem line) =>
        _provisioning is null ? "—" : _provisioning.TryGetValue(line.Number, out var status) ? Display.Provisioning(status) : "—";

    private int LinkCount => _order is null ? 0 : _order.Links.Count + _order.LineItems.Sum(l => l.Links.Count);

    /// <summary>Software orders can have lines cancelled on their own; only lines still held can be chosen.</summary>
    private bool CanChooseLines => _right.HasCancelRole && _order is not null && CancellationRules.CanCancelLines(_order) && CancelUnavailableReason is null;

    // "Select all" ticks every row; a line already cancelled (nothing left to hold) is left out of the choice. The table's
    // own set is kept (not a copy): handing MudTable a new set raises SelectedItemsChanged again, without end.
    private void ChooseLines(HashSet<OrderLineItem> lines)
    {
        lines.RemoveWhere(l => l.Quantity == 0);
        _selectedLines = lines;
    }

    private Task CancelAsync() => RunCancelAsync(lines: null);

    private Task CancelSelectedLinesAsync() => RunCancelAsync([.. _selectedLines.Select(l => l.Number)]);

    private async Task RunCancelAsync(IReadOnlyCollection<int>? lines)
    {
        if (_order is not { } order || !_right.HasCancelRole || _cancelling || CancelUnavailableReason is not null || lines is { Count: 0 })
        {
            return;
        }

        _cancelling = true;
        _cancelProblem = null;
        try
        {
            var outcome = await CancelFlow.ConfirmAndCancelAsync(order, CustomerName, lines);
            if (outcome is null || HasLeft || _order?.Id != order.Id)
            {
                return;
            }

            _selectedLines.Clear();
            if (outcome.Succeeded)
            {
                _order = outcome.Value;
                await LoadProvisioningAsync(order.Id);
                return;
            }

            _cancelProblem = outcome.Problem;
            await ReadStatusAgainAsync(order.Id);
        }
        finally
        {
            _cancelling = false;
            _historyVersion++;
        }
    }

    // After a failed or unanswered cancel, the page shows what Partner Center now says about the order.
    private async Task ReadStatusAgainAsync(string orderId)
    {
        var again = await OrderService.GetOrderAsync(CustomerId, orderId, PageToken).OrUnavailable();
        if (again.Succeeded && !HasLeft && _order?.Id == orderId)
        {
            _order = again.Value;
        }
    }
}
