using System.Security.Claims;
using Bunit.TestDoubles;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Features.Orders;
using Dashboard.Web.Hosting;
using Dashboard.Web.Tests.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests;

/// <summary>
/// A bUnit context set up the way the dashboard's layout sets up a page: MudBlazor's services, loose JS interop (MudBlazor
/// calls into its own scripts, which bUnit does not run), a substitute <see cref="IOrderService"/> each test configures,
/// and bUnit's authorization with an operator of the emulator's sandbox signed in (see <see cref="SignInAsReader"/>).
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    private readonly UiOptions _ui = new() { SearchDebounce = TimeSpan.Zero };

    // Nothing here waits on the wall clock (the search boxes' pause runs on a fake clock): this only bounds how long a busy
    // CI machine may take to render before a test gives up.
    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(OrderService);
        Services.AddScoped<CancelOrderFlow>();

        // The real shared snapshots, over the substitute order service's reads.
        Services.AddHybridCache();
        Services.AddSingleton(Options.Create(new Dashboard.Orders.Snapshots.OrderSnapshotOptions()));
        Services.AddSingleton<Dashboard.Orders.Snapshots.OrderSnapshots>();
        Services.AddSingleton(JobService);
        Services.AddSingleton<Dashboard.Web.Components.Layout.ActiveJobsCount>();
        Services.AddSingleton(ActivityLog);
        Services.AddSingleton(Options.Create(new Dashboard.Orders.Activity.ActivityOptions()));
        Services.AddScoped<Dashboard.Web.Features.Jobs.JobFlows>();
        Services.AddSingleton(new PartnerCenterConnection(() => new Uri("http://127.0.0.1:5399/")));
        Services.AddSingleton(Options.Create(new RoleOptions()));
        Services.AddSingleton(_ => Settings);
        Services.AddSingleton<SandboxGuard>();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Options.Create(_ui));
        Services.AddScoped<CancelRights>();
        Services.AddScoped<SignInAgain>();
        Authorization = AddAuthorization();
        SignInAsOperator();
        AnswerWhatPartnerCenterAnswersForAnEmptySandbox();
    }

    /// <summary>bUnit's authorization: who is signed in, with which roles and policies.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>
    /// The host's settings, which the production guard and the badge read; by default the built-in emulator, whose
    /// sandbox tenant the users are in. Set before rendering.
    /// </summary>
    protected DashboardSettings Settings { get; set; } = TestSettings.BuiltInEmulator();

    /// <summary>The pages' clock: the search boxes' pause runs on it (zero by default; a test of the pause sets one).</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <summary>An operator: the Orders.Cancel role, so both policies, in the emulator's sandbox tenant.</summary>
    protected void SignInAsOperator(string tenantId = SandboxGuard.EmulatorTenantId)
    {
        Authorization.SetAuthorized("Olivia Operator");
        Authorization.SetRoles("Orders.Cancel", "Orders.Read");
        Authorization.SetPolicies(AccessPolicies.Read, AccessPolicies.Cancel);
        Authorization.SetClaims(new Claim("tid", tenantId));
    }

    /// <summary>A reader: the Orders.Read role only.</summary>
    protected void SignInAsReader()
    {
        Authorization.SetAuthorized("Riley Reader");
        Authorization.SetRoles("Orders.Read");
        Authorization.SetPolicies(AccessPolicies.Read);
        Authorization.SetClaims(new Claim("tid", SandboxGuard.EmulatorTenantId));
    }

    /// <summary>Nobody signed in.</summary>
    protected void SignOut() => Authorization.SetNotAuthorized();

    /// <summary>
    /// What the pages ask of Partner Center. Unconfigured reads answer like an empty sandbox (see
    /// <see cref="AnswerWhatPartnerCenterAnswersForAnEmptySandbox"/>); each test says what it needs on top.
    /// </summary>
    protected IOrderService OrderService { get; } = Substitute.For<IOrderService>();

    /// <summary>The activity log the pages read. Unconfigured, it is empty.</summary>
    protected Dashboard.Orders.Activity.IActivityLog ActivityLog { get; } = Substitute.For<Dashboard.Orders.Activity.IActivityLog>();

    /// <summary>What the pages ask of bulk jobs: previews, plans, starts and progress. Unconfigured, there are no jobs.</summary>
    protected Dashboard.Orders.Jobs.IJobService JobService { get; } = Substitute.For<Dashboard.Orders.Jobs.IJobService>();

    /// <summary>
    /// Renders the providers MainLayout renders. Call it before rendering the component under test: the dialog and the
    /// snackbars appear in these renders, not in the page's.
    /// </summary>
    protected MudProviders RenderMudProviders()
    {
        var popovers = Render<MudPopoverProvider>();
        return new MudProviders(Render<MudDialogProvider>(), Render<MudSnackbarProvider>(), popovers);
    }

    /// <summary>Every customer, on a single page, whatever the search (tests of the search and paging say more).</summary>
    protected void GivenCustomers(params Customer[] customers)
    {
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Customer>>.Success(customers));
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage(customers, null)));
    }

    protected void GivenCustomer(Customer customer) =>
        OrderService.GetCustomerAsync(customer.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Customer>.Success(customer));

    protected void GivenOrders(string customerId, params Order[] orders) =>
        OrderService.ListOrdersAsync(customerId, Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Order>>.Success(orders));

    protected void GivenOrder(Order order) =>
        OrderService.GetOrderAsync(order.CustomerId, order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(order));

    protected void GivenProvisioning(Order order, params LineProvisioning[] lines) =>
        OrderService.GetProvisioningStatusAsync(order.CustomerId, order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<LineProvisioning>>.Success(lines));

    /// <summary>The search boxes wait <paramref name="pause"/> on <see cref="Time"/> after the last key (zero otherwise).</summary>
    protected void GivenTheSearchBoxesPause(TimeSpan pause) => _ui.SearchDebounce = pause;

    /// <summary>Opens the page at <paramref name="relativeUri"/> first, so that its query parameters are the ones in that URL.</summary>
    protected void GivenTheAddressIs(string relativeUri) =>
        Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);

    /// <summary>The current address, relative to the app's base, as the pages write it.</summary>
    protected string CurrentAddress
    {
        get
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            return "/" + navigation.ToBaseRelativePath(navigation.Uri);
        }
    }

    /// <summary>The query parameters of the current address, decoded, by name.</summary>
    protected IReadOnlyDictionary<string, string> CurrentQuery
    {
        get
        {
            var address = CurrentAddress;
            var start = address.IndexOf('?', StringComparison.Ordinal);
            var query = start < 0 ? "" : address[(start + 1)..];
            return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(
                    pair => Uri.UnescapeDataString(pair[0]),
                    pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : "",
                    StringComparer.Ordinal);
        }
    }

    /// <summary>A read that fails the way <c>OrderService</c> fails it: a faulted task, not a synchronous throw.</summary>
    protected static Task<Outcome<T>> Unavailable<T>(PartnerCenterUnavailableException exception) =>
        Task.FromException<Outcome<T>>(exception);

    /// <summary>
    /// An empty sandbox: no customer or order is known, the customer list is one empty page, and no line has a provisioning
    /// status. A test that forgets a read sees a page in a plain state instead of a NullReferenceException from the
    /// substitute's null; the page's own calls that a test does not care about (provisioning, say) need no set-up.
    /// </summary>
    private void AnswerWhatPartnerCenterAnswersForAnEmptySandbox()
    {
        var unknown = new Problem(ProblemKind.NotFound, "The test configured nothing for this id.");
        OrderService.ListOrderAuditRecordsAsync(default!, default!, default, default)
            .ReturnsForAnyArgs(Outcome<IReadOnlyList<PartnerCenterAuditRecord>>.Success([]));
        ActivityLog.QueryAsync(default!, default)
            .ReturnsForAnyArgs(new Dashboard.Orders.Activity.ActivityResults([], 0));
        ActivityLog.ForOrderAsync(default!, default!, default)
            .ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<Dashboard.Orders.Activity.ActivityEntry>>([]));
        OrderService.ListCustomersAsync(default)
            .ReturnsForAnyArgs(Outcome<IReadOnlyList<Customer>>.Success([]));
        OrderService.ListCustomersPageAsync(default, default, default, default)
            .ReturnsForAnyArgs(Outcome<CustomerPage>.Success(new CustomerPage([], null)));
        OrderService.GetCustomerAsync(default!, default)
            .ReturnsForAnyArgs(Outcome<Customer>.Failure(unknown));
        OrderService.ListOrdersAsync(default!, default)
            .ReturnsForAnyArgs(Outcome<IReadOnlyList<Order>>.Failure(unknown));
        OrderService.GetOrderAsync(default!, default!, default)
            .ReturnsForAnyArgs(Outcome<Order>.Failure(unknown));
        OrderService.GetProvisioningStatusAsync(default!, default!, default)
            .ReturnsForAnyArgs(Outcome<IReadOnlyList<LineProvisioning>>.Success([]));
    }
}

/// <summary>The renders of the MudBlazor providers that host dialogs, snackbars and popovers (a select's list, a tooltip).</summary>
public sealed record MudProviders(
    IRenderedComponent<MudDialogProvider> Dialogs,
    IRenderedComponent<MudSnackbarProvider> Snackbars,
    IRenderedComponent<MudPopoverProvider> Popovers);
