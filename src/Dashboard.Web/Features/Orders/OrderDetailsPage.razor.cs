using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

public sealed partial class OrderDetailsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
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

    /// <summary>Why the cancel action is off, or null when it is available.</summary>
    private string? CancelUnavailableReason => _order?.Status == OrderStatus.Cancelled ? "This order is already cancelled." : null;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _problem = null;
        _order = null;
        var customer = OrderService.GetCustomerAsync(CustomerId, _disposed.Token).OrUnavailable();
        var order = OrderService.GetOrderAsync(CustomerId, OrderId, _disposed.Token).OrUnavailable();
        await Task.WhenAll(customer, order);
        _customer = (await customer).Value;
        _order = (await order).Value;
        _problem = (await order).Problem;
    }

    private async Task CancelAsync()
    {
        if (_order is null || _cancelling || CancelUnavailableReason is not null)
        {
            return;
        }

        var parameters = new DialogParameters<ConfirmCancelOrderDialog>
        {
            { d => d.Order, _order },
            { d => d.CustomerName, CustomerName },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await DialogService.ShowAsync<ConfirmCancelOrderDialog>("Cancel order", parameters, options);
        var answer = await dialog.Result;
        if (answer is null || answer.Canceled)
        {
            return;
        }

        _cancelling = true;
        _cancelProblem = null;
        StateHasChanged();
        try
        {
            // Not the page's token: leaving the page must not abandon a cancel half-way and leave its outcome unknown.
            var outcome = await OrderService.CancelOrderAsync(CustomerId, _order.Id, CancellationToken.None);
            if (outcome.Succeeded)
            {
                _order = outcome.Value;
                Snackbar.Add($"Order {OrderName} is cancelled.", Severity.Success);
                return;
            }

            _cancelProblem = outcome.Problem;
            Snackbar.Add(SnackbarText(outcome.Problem), Severity.Error);
            await ReadStatusAgainAsync();
        }
        finally
        {
            _cancelling = false;
        }
    }

    // After a failed or unanswered cancel, the page shows what Partner Center now says about the order.
    private async Task ReadStatusAgainAsync()
    {
        var again = await OrderService.GetOrderAsync(CustomerId, OrderId, _disposed.Token).OrUnavailable();
        if (again.Succeeded)
        {
            _order = again.Value;
        }
    }

    private static string SnackbarText(Problem problem) =>
        problem.CorrelationId is null ? problem.Message : $"{problem.Message} (correlation id {problem.CorrelationId})";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
