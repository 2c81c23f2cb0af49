using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>Cancelling from the list: the row asks through the dialog, then shows what Partner Center says, in place.</summary>
public sealed class OrdersPageCancelTests : DashboardTestContext
{
    private static readonly Order Order = Sandbox.SoftwareOrder;

    private static readonly Order Other = Sandbox.AnnualOrder;

    private static readonly Problem Refusal = new(ProblemKind.Refused,
        "The order can no longer be cancelled: the cancellation window has passed.", "800048", "5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a");

    private readonly MudProviders _providers;

    public OrdersPageCancelTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrders(Sandbox.Contoso.Id, Order, Other);
    }

    [Fact]
    public void CancelOrder_Click_OpensTheDialogForThatOrderAndCustomer()
    {
        var cut = RenderPage();

        var dialog = OpenDialog(cut);

        dialog.QuerySelector("#confirm-cancel-title")!.TextContent.ShouldBe("Cancel order 7f6a5b4c3d2e?");
        dialog.QuerySelector(".mud-dialog-content")!.VisibleText().ShouldContain("This cancels order 7f6a5b4c3d2e of Contoso Ltd in Partner Center");
    }

    [Fact]
    public void CancelOrder_WhileTheDialogIsOpen_DisablesThatRowsCancel()
    {
        var cut = RenderPage();

        OpenDialog(cut);

        cut.WaitForAssertion(() => CancelButton(cut, Order).HasAttribute("disabled").ShouldBeTrue());
        CancelButton(cut, Other).HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Confirm_WhileTheCancelRuns_KeepsThatRowsCancelDisabled()
    {
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<Outcome<Order>>().Task);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        CancelButton(cut, Order).HasAttribute("disabled").ShouldBeTrue();
        Row(cut, Order).Cell("Status").ShouldBe("Completed");
    }

    [Fact]
    public void Confirm_Click_CancelsThatOrderExactlyOnce()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => Row(cut, Order).Cell("Status").ShouldBe("Cancelled"));
        _ = OrderService.Received(1).CancelOrderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        _ = OrderService.Received(1).CancelOrderAsync(Sandbox.Contoso.Id, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_CancelSucceeds_ShowsCancelledInTheRowWithoutReadingTheListAgain()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => Row(cut, Order).Cell("Status").ShouldBe("Cancelled"));
        Row(cut, Order).ShownCell("Cancellable").ShouldBe("Already cancelled");
        Row(cut, Other).Cell("Status").ShouldBe("Completed");
        _ = OrderService.Received(1).ListOrdersAsync(Sandbox.Contoso.Id, Arg.Any<CancellationToken>());
        _ = OrderService.DidNotReceiveWithAnyArgs().GetOrderAsync(default!, default!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_CancelSucceeds_DisablesTheRowsCancel()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => Row(cut, Order).Cell("Status").ShouldBe("Cancelled"));
        CancelButton(cut, Order).HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Confirm_CancelSucceeds_MovesTheOrderToTheCancelledCount()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#status-counts").QuerySelectorAll("button").Select(b => b.VisibleText())
            .ShouldBe(["All statuses: 2", "Completed: 1", "Cancelled: 1"]));
    }

    [Fact]
    public void Confirm_CancelSucceeds_ShowsASnackbarConfirmingIt()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent.ShouldBe("Order 7f6a5b4c3d2e is cancelled.");
        snackbar.ClassList.ShouldContain("mud-alert-filled-success");
    }

    [Fact]
    public void Confirm_CancelRefused_ShowsPartnerCentersDescriptionAndCorrelationIdInASnackbar()
    {
        GivenCancelFails(Refusal);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent
            .ShouldBe($"Order 7f6a5b4c3d2e: {Refusal.Message} (correlation id 5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a)");
        snackbar.ClassList.ShouldContain("mud-alert-filled-error");
    }

    [Fact]
    public void Confirm_CancelRefused_ReadsTheOrderAgainAndShowsWhatPartnerCenterNowSays()
    {
        var tooOld = Order with
        {
            Cancellability = Cancellability.Blocked(CancelBlock.WindowPassed, "This order was placed more than 60 days ago; Partner Center no longer cancels it."),
        };
        GivenCancelFails(Refusal);
        GivenOrder(tooOld);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => Row(cut, Order).ShownCell("Cancellable").ShouldBe("Past 60 days"));
        CancelButton(cut, Order).HasAttribute("disabled").ShouldBeTrue();
        _ = OrderService.Received(1).GetOrderAsync(Sandbox.Contoso.Id, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_OutcomeUnknown_ShowsTheStatusPartnerCenterNowReports()
    {
        GivenCancelFails(new Problem(ProblemKind.OutcomeUnknown,
            "Partner Center did not answer. The order may or may not have been cancelled: check its status before trying again."));
        GivenOrder(Sandbox.Cancelled(Order));
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => Row(cut, Order).Cell("Status").ShouldBe("Cancelled"));
        _providers.Snackbars.Find(".mud-snackbar-content-message").TextContent.ShouldContain("may or may not have been cancelled");
    }

    [Fact]
    public void Confirm_CancelRefusedAndTheOrderUnreadable_LeavesTheRowAsItWasAndCancellableAgain()
    {
        GivenCancelFails(Refusal);
        OrderService.GetOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Unavailable<Order>(new PartnerCenterUnavailableException("Partner Center did not answer in time.", "0f9e8d7c")));
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar");
        cut.WaitForAssertion(() => CancelButton(cut, Order).HasAttribute("disabled").ShouldBeFalse());
        Row(cut, Order).Cell("Status").ShouldBe("Completed");
    }

    [Fact]
    public void KeepOrder_Click_NeverCancelsAndEnablesTheRowsCancelAgain()
    {
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#keep-order").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        cut.WaitForAssertion(() => CancelButton(cut, Order).HasAttribute("disabled").ShouldBeFalse());
        _ = OrderService.DidNotReceiveWithAnyArgs().CancelOrderAsync(default!, default!, Arg.Any<CancellationToken>());
        _providers.Snackbars.FindAll(".mud-snackbar").ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_CancelSucceedsOnAFilteredView_TakesTheOrderOutOfIt()
    {
        GivenCancelSucceeds();
        GivenTheAddressIs($"customers/{Sandbox.Contoso.Id}/orders?status=Completed");
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.FindAll($"#order-link-{Order.Id}").ShouldBeEmpty());
        cut.FindAll($"#order-link-{Other.Id}").ShouldHaveSingleItem();
    }

    private IRenderedComponent<OrdersPage> RenderPage() =>
        Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Sandbox.Contoso.Id));

    private static IElement CancelButton(IRenderedComponent<OrdersPage> cut, Order order) => cut.Find($"#cancel-order-{order.Id}");

    private static IElement Row(IRenderedComponent<OrdersPage> cut, Order order) =>
        cut.TableRows("orders-table").Single(r => r.QuerySelector($"#order-link-{order.Id}") is not null);

    private IElement OpenDialog(IRenderedComponent<OrdersPage> cut)
    {
        cut.WaitForElement($"#cancel-order-{Order.Id}").Click();
        return _providers.Dialogs.WaitForElement(".mud-dialog");
    }

    private void GivenCancelSucceeds() =>
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(Sandbox.Cancelled(Order)));

    private void GivenCancelFails(Problem problem) =>
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(problem));
}
