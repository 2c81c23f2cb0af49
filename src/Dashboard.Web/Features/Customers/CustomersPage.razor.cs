using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

public sealed partial class CustomersPage
{
    private IReadOnlyList<Customer>? _customers;
    private Problem? _problem;
    private bool _loading;

    [Inject]
    public required IOrderService OrderService { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        _problem = null;
        _customers = null;
        var outcome = await OrderService.ListCustomersAsync(PageToken).OrUnavailable();
        _customers = outcome.Value;
        _problem = outcome.Problem;
        _loading = false;
    }

    private static string OrdersHref(Customer customer) => $"customers/{Uri.EscapeDataString(customer.Id)}/orders";
}
