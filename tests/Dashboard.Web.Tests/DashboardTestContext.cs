using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests;

/// <summary>
/// A bUnit context set up the way the dashboard's layout sets up a page: MudBlazor's services, loose JS interop (MudBlazor
/// calls into its own scripts, which bUnit does not run) and a substitute <see cref="IOrderService"/> each test configures.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(OrderService);
        Services.AddScoped<Dashboard.Web.Features.Orders.CancelOrderFlow>();
    }

    /// <summary>What the pages ask of Partner Center; unconfigured calls answer null, so every test says what it needs.</summary>
    protected IOrderService OrderService { get; } = Substitute.For<IOrderService>();

    /// <summary>
    /// Renders the providers MainLayout renders. Call it before rendering the component under test: the dialog and the
    /// snackbars appear in these renders, not in the page's.
    /// </summary>
    protected MudProviders RenderMudProviders()
    {
        Render<MudPopoverProvider>();
        return new MudProviders(Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    protected void GivenCustomers(params Customer[] customers) =>
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Customer>>.Success(customers));

    protected void GivenCustomer(Customer customer) =>
        OrderService.GetCustomerAsync(customer.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Customer>.Success(customer));

    protected void GivenOrders(string customerId, params Order[] orders) =>
        OrderService.ListOrdersAsync(customerId, Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Order>>.Success(orders));

    protected void GivenOrder(Order order) =>
        OrderService.GetOrderAsync(order.CustomerId, order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(order));

    /// <summary>A read that fails the way <c>OrderService</c> fails it: a faulted task, not a synchronous throw.</summary>
    protected static Task<Outcome<T>> Unavailable<T>(PartnerCenterUnavailableException exception) =>
        Task.FromException<Outcome<T>>(exception);
}

/// <summary>The renders of the MudBlazor providers that host dialogs and snackbars.</summary>
public sealed record MudProviders(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars);
