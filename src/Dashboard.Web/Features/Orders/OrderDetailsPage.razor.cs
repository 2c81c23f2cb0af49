using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

public sealed partial class OrderDetailsPage
{
    private Customer? _customer;
    private Order? _order;
    private Problem? _problem;
    private Problem? _cancelProblem;
    private bool _cancelling;

    [Parameter]
    public required string CustomerId { get; set; }

    [Parameter]
    public required string OrderId { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    [Inject]
    public required IDialogService DialogService { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private string CustomerName => _customer?.CompanyName ?? CustomerId;

    private string OrderName => _order?.AlternateId ?? _order?.Id ?? OrderId;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Customers", "customers"),
        new(CustomerName, null, disabled: true),
        new("Orders", $"customers/{Uri.EscapeDataString(CustomerId)}/orders"),
        new(OrderName, null, disabled: true),
    ];

    /// <summary>Why the cancel action is off, or null when it is available: the sandbox's rules, known before the user asks.</summary>
    private string? CancelUnavailableReason => _order switch
    {
        null => null,
        { Status: OrderStatus.Cancelled } => "This order is already cancelled.",
        { Cancellability.CanCancel: false } order => order.Cancellability.Reason,
        _ => null,
    };

    /// <summary>A note shown beside an available cancel, e.g. when the product type is unknown and Partner Center decides.</summary>
    private string? CancelNote => _order is { Cancellability: { CanCancel: true, Reason: { } note } } && CancelUnavailableReason is null ? note : null;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _problem = null;
        _cancelProblem = null;
        _order = null;
        var customer = OrderService.GetCustomerAsync(CustomerId, PageToken).OrUnavailable();
        var order = OrderService.GetOrderAsync(CustomerId, OrderId, PageToken).OrUnavailable();
        await Task.WhenAll(customer, order);
        _customer = (await customer).Value;
        _order = (await order).Value;
        _problem = (await order).Problem;
    }

    private async Task CancelAsync()
    {
        if (_order is not { } order || _cancelling || CancelUnavailableReason is not null)
        {
            return;
        }

        var parameters = new DialogParameters<ConfirmCancelOrderDialog>
        {
            { d => d.Order, order },
            { d => d.CustomerName, CustomerName },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await DialogService.ShowAsync<ConfirmCancelOrderDialog>("Cancel order", parameters, options);
        var answer = await dialog.Result;
        if (answer is null || answer.Canceled || HasLeft || _order?.Id != order.Id)
        {
            return;
        }

        _cancelling = true;
        _cancelProblem = null;
        StateHasChanged();
        try
        {
            // Not the page's token: leaving the page must not abandon a cancel half-way and leave its outcome unknown.
            var outcome = await OrderService.CancelOrderAsync(CustomerId, order.Id, CancellationToken.None);

            // The snackbar lives in the layout, so the user learns the outcome even after moving on.
            Snackbar.Add(SnackbarText(order, outcome), SnackbarSeverity(outcome));
            if (HasLeft || _order?.Id != order.Id)
            {
                return;
            }

            if (outcome.Succeeded)
            {
                _order = outcome.Value;
                return;
            }

            _cancelProblem = outcome.Problem;
            await ReadStatusAgainAsync(order.Id);
        }
        finally
        {
            _cancelling = false;
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

    private static string SnackbarText(Order order, Outcome<Order> outcome)
    {
        var name = order.AlternateId ?? order.Id;
        if (outcome.Succeeded)
        {
            return outcome.Value.Status == OrderStatus.Cancelled
                ? $"Order {name} is cancelled."
                : $"Partner Center accepted the cancel of order {name}; it now reports the status {Display.Status(outcome.Value.Status, outcome.Value.StatusText)}.";
        }

        var problem = outcome.Problem;
        var text = $"Order {name}: {problem.Message}";
        return problem.CorrelationId is null ? text : $"{text} (correlation id {problem.CorrelationId})";
    }

    private static Severity SnackbarSeverity(Outcome<Order> outcome) => outcome switch
    {
        { Succeeded: true, Value.Status: OrderStatus.Cancelled } => Severity.Success,
        { Succeeded: true } => Severity.Warning,
        _ => Severity.Error,
    };
}
