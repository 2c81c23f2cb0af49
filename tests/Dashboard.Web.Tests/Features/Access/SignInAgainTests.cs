using Dashboard.Web.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>
/// When Partner Center's token needs the user to sign in again (consent, MFA, conditional access), the page sends them through
/// sign-in, with Entra ID's claims challenge, and back to where they were; nothing was sent.
/// </summary>
public sealed class SignInAgainTests : DashboardTestContext
{
    private const string Claims = """{"access_token":{"acrs":{"essential":true,"value":"c1"}}}""";

    private const string EscapedClaims = "%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c1%22%7D%7D%7D";

    private const string OrdersPath = "customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders";

    private const string EscapedOrdersPath = "%2Fcustomers%2Fbd59b416-37f9-4d8f-8df3-5750111fc615%2Forders";

    private static readonly Problem SignInRequired = new(ProblemKind.SignInRequired,
        "Partner Center needs you to sign in again before it answers.", ClaimsChallenge: Claims);

    private readonly ServerNavigation _navigation = new();

    public SignInAgainTests() => Services.AddSingleton<NavigationManager>(_navigation);

    [Fact]
    public void Render_ReadNeedsSignIn_SendsTheUserThroughSignInAndBackWithTheClaims()
    {
        GivenTheAddressIs($"{OrdersPath}?status=Completed");
        GivenTheOrdersReadFails(SignInRequired);

        var cut = RenderOrdersPage();

        cut.WaitForElement("#orders-problem");
        var (address, options) = _navigation.ForcedLoads.ShouldHaveSingleItem();
        address.ShouldBe($"signin?returnUrl={EscapedOrdersPath}%3Fstatus%3DCompleted&claims={EscapedClaims}");
        options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public void Render_ReadNeedsSignInWithoutAClaimsChallenge_SendsTheUserThroughSignInAndBack()
    {
        GivenTheAddressIs(OrdersPath);
        GivenTheOrdersReadFails(SignInRequired with { ClaimsChallenge = null });

        var cut = RenderOrdersPage();

        cut.WaitForElement("#orders-problem");
        _navigation.ForcedLoads.ShouldHaveSingleItem().Address.ShouldBe($"signin?returnUrl={EscapedOrdersPath}");
    }

    [Fact]
    public void Render_ReadNeedsSignIn_OffersTheSignInLinkShouldTheRedirectNotHappen()
    {
        GivenTheAddressIs(OrdersPath);
        GivenTheOrdersReadFails(SignInRequired);

        var cut = RenderOrdersPage();

        var link = cut.WaitForElement("#orders-problem #sign-in-again");
        link.TextContent.Trim().ShouldBe("Sign in again");
        link.GetAttribute("href").ShouldBe($"signin?returnUrl={EscapedOrdersPath}&claims={EscapedClaims}");
        link.GetAttribute("data-enhance-nav").ShouldBe("false");
    }

    [Fact]
    public void Render_ReadRefusedForAnotherReason_StaysOnThePage()
    {
        GivenTheAddressIs(OrdersPath);
        GivenTheOrdersReadFails(new Problem(ProblemKind.Refused, "Partner Center said no."));

        var cut = RenderOrdersPage();

        cut.WaitForElement("#orders-problem");
        cut.FindAll("#sign-in-again").ShouldBeEmpty();
        _navigation.ForcedLoads.ShouldBeEmpty();
    }

    [Fact]
    public void ConfirmCancel_CancelNeedsSignIn_SendsTheUserThroughSignInAndBackWithTheClaims()
    {
        GivenTheAddressIs(OrdersPath);
        var providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrders(Sandbox.Contoso.Id, Sandbox.SoftwareOrder);
        OrderService.CancelOrderAsync(Sandbox.Contoso.Id, Sandbox.SoftwareOrder.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(SignInRequired));
        var cut = RenderOrdersPage();
        cut.WaitForElement($"#cancel-order-{Sandbox.SoftwareOrder.Id}").Click();
        providers.Dialogs.WaitForElement(".mud-dialog");

        providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => _navigation.ForcedLoads.ShouldHaveSingleItem());
        var (address, options) = _navigation.ForcedLoads[0];
        address.ShouldBe($"signin?returnUrl={EscapedOrdersPath}&claims={EscapedClaims}");
        options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public void ConfirmCancel_OnTheOrderPageCancelNeedsSignIn_SendsTheUserThroughSignInOnce()
    {
        var order = Sandbox.SoftwareOrder;
        var orderPath = $"{OrdersPath}/{order.Id}";
        GivenTheAddressIs(orderPath);
        var providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(order);
        OrderService.CancelOrderAsync(order.CustomerId, order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(SignInRequired));
        var cut = Render<OrderDetailsPage>(parameters => parameters.Add(p => p.CustomerId, order.CustomerId).Add(p => p.OrderId, order.Id));
        cut.WaitForElement("#cancel-order").Click();
        providers.Dialogs.WaitForElement(".mud-dialog");

        providers.Dialogs.Find("#confirm-cancel-order").Click();

        // The cancel flow sends the user, and the page then shows the same problem in an alert: one trip, not two.
        cut.WaitForElement("#sign-in-again");
        _navigation.ForcedLoads.ShouldHaveSingleItem().Address.ShouldStartWith($"signin?returnUrl={Uri.EscapeDataString("/" + orderPath)}&claims=");
    }

    private void GivenTheOrdersReadFails(Problem problem) =>
        OrderService.ListOrdersAsync(Sandbox.Contoso.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Order>>.Failure(problem));

    private IRenderedComponent<OrdersPage> RenderOrdersPage() =>
        Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Sandbox.Contoso.Id));

    /// <summary>
    /// Navigation as a Blazor Server circuit sees it: a forced load hands the address to the browser, which leaves the app, so
    /// the circuit's address stays as it was and no location change is raised. (bUnit's own NavigationManager moves to the
    /// forced address and raises the change, which a page with query parameters would answer by rendering again.)
    /// </summary>
    private sealed class ServerNavigation : NavigationManager
    {
        public ServerNavigation() => Initialize("http://localhost/", "http://localhost/");

        public List<(string Address, NavigationOptions Options)> ForcedLoads { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options)
        {
            if (options.ForceLoad)
            {
                ForcedLoads.Add((uri, options));
                return;
            }

            Uri = ToAbsoluteUri(uri).AbsoluteUri;
            NotifyLocationChanged(isInterceptedLink: false);
        }
    }
}
