using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

public sealed partial class OrdersPage
{
    private Customer? _customer;
    private IReadOnlyList<Order>? _orders;
    private Problem? _problem;
    private bool _loading;

    [Parameter]
    public required string CustomerId { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    private string CustomerName => _customer?.CompanyName ?? CustomerId;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Customers", "customers"),
        new(CustomerName, null, disabled: true),
        new("Orders", null, disabled: true),
    ];

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        _problem = null;
        _orders = null;
        var customer = OrderService.GetCustomerAsync(CustomerId, PageToken).OrUnavailable();
        var orders = OrderService.ListOrdersAsync(CustomerId, PageToken).OrUnavailable();
        await Task.WhenAll(customer, orders);

        // The name is a nicety; the orders are the page.
        _customer = (await customer).Value;
        _orders = (await orders).Value;
        _problem = (await orders).Problem;
        _loading = false;
    }

    private string DetailsHref(Order order) =>
        $"customers/{Uri.EscapeDataString(CustomerId)}/orders/{Uri.EscapeDataString(order.Id)}";
}
