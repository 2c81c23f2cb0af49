// Over 300 lines: every state of the order page's cancel flow, one specification.
using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;
using Dashboard.Web.Tests.Testing;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>The confirm-then-cancel flow: the page asks through the dialog, then cancels, then shows what Partner Center says.</summary>
public sealed class OrderDetailsPageCancelTests : DashboardTestContext
{
    private static readonly Order Order = Sandbox.AnnualOrder;

    private static readonly Problem Refusal = new(ProblemKind.Refused,
        "The order can no longer be cancelled: the cancellation window has passed.", "800048", "5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a");

    private readonly MudProviders _providers;

    public OrderDetailsPageCancelTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Order);
    }

    [Fact]
    public void CancelOrder_Click_OpensDialogNamingTheCustomerAndTheOrder()
    {
        var cut = RenderPage();

        var dialog = OpenDialog(cut);

        dialog.QuerySelector("#confirm-cancel-title")!.TextContent.ShouldBe("Cancel order 1a2b3c4d5e6f?");
        var text = dialog.QuerySelector(".mud-dialog-content")!.VisibleText();
        text.ShouldContain("This cancels order 1a2b3c4d5e6f of Contoso Ltd in Partner Center");
        text.ShouldContain($"Order id {Order.Id}");
    }

    [Fact]
    public void CancelOrder_Click_OpensDialogListingEveryLineItem()
    {
        var cut = RenderPage();

        var dialog = OpenDialog(cut);

        dialog.QuerySelectorAll("#confirm-cancel-lines tbody tr").Select(r => r.VisibleText()).ShouldBe(
        [
            "0 Microsoft 365 E3 25 1 year",
            "1 Power BI Pro 3 1 month",
            "2 Microsoft 365 E3 5 3 years",
        ]);
    }

    [Fact]
    public void CancelOrder_Click_OpensDialogSayingItCannotBeUndone()
    {
        var cut = RenderPage();

        var dialog = OpenDialog(cut);

        dialog.QuerySelector(".mud-dialog-content")!.VisibleText().ShouldContain("It cannot be undone.");
    }

    [Fact]
    public void Confirm_Click_CancelsTheOrderExactlyOnceWithCustomerAndOrderIds()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#fact-status").TextContent.ShouldBe("Cancelled"));
        _ = OrderService.Received(1).CancelOrderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        _ = OrderService.Received(1).CancelOrderAsync(Sandbox.Contoso.Id, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_CancelSucceeds_ShowsCancelledWithoutReadingTheOrderAgain()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#fact-status").TextContent.ShouldBe("Cancelled"));
        var chip = cut.Find("#order-status .order-status-chip");
        chip.TextContent.ShouldBe("Cancelled");
        chip.GetAttribute("data-status").ShouldBe("Cancelled");
        _ = OrderService.Received(1).GetOrderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_CancelSucceeds_DisablesCancelAndSaysWhy()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#cancel-unavailable-reason").TextContent.ShouldBe("This order is already cancelled."));
        cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Confirm_CancelSucceeds_ShowsSuccessSnackbar()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent.ShouldBe("Order 1a2b3c4d5e6f is cancelled.");
        snackbar.ClassList.ShouldContain("mud-alert-filled-success");
    }

    [Fact]
    public void CancelOrder_WhileTheDialogIsOpen_DisablesCancel()
    {
        var cut = RenderPage();

        OpenDialog(cut);

        cut.WaitForAssertion(() => cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeTrue());
    }

    [Fact]
    public void Confirm_WhileCancelIsInFlight_DisablesCancel()
    {
        var pending = new TaskCompletionSource<Outcome<Order>>();
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>()).Returns(pending.Task);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeTrue());
        cut.Find("#fact-status").TextContent.ShouldBe("Completed");
    }

    [Fact]
    public void KeepOrder_Click_NeverCancels()
    {
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#keep-order").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        _ = OrderService.DidNotReceiveWithAnyArgs().CancelOrderAsync(default!, default!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void KeepOrder_Click_LeavesTheOrderAsItWas()
    {
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#keep-order").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        cut.Find("#fact-status").TextContent.ShouldBe("Completed");
        cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeFalse();
        cut.FindAll("#cancel-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_CancelRefused_ShowsTheDescriptionCodeAndCorrelationId()
    {
        GivenCancelFails(Refusal);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var alert = cut.WaitForElement("#cancel-problem");
        alert.TextContent.ShouldContain(Refusal.Message);
        alert.QuerySelector("[data-testid='problem-code']")!.TextContent.ShouldBe("800048");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a");
    }

    [Fact]
    public void Confirm_WhileCancelIsInFlight_ShowsProgressOnTheButton()
    {
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<Outcome<Order>>().Task);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.FindAll("#cancel-order .mud-progress-circular").ShouldHaveSingleItem());
    }

    [Fact]
    public void Confirm_CancelRefused_EnablesCancelAgain()
    {
        GivenCancelFails(Refusal);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForElement("#cancel-problem");
        cut.WaitForAssertion(() => cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeFalse());
        cut.FindAll("#cancel-order .mud-progress-circular").ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_Click_CancelsWithATokenTheUserLeavingCannotCancel()
    {
        GivenCancelSucceeds();
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#fact-status").TextContent.ShouldBe("Cancelled"));
        _ = OrderService.Received(1).CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Is<CancellationToken>(t => !t.CanBeCanceled));
    }

    [Fact]
    public void Confirm_CancelRefused_ReadsTheOrderAgain()
    {
        GivenCancelFails(Refusal);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForElement("#cancel-problem");
        cut.WaitForAssertion(() =>
            _ = OrderService.Received(2).GetOrderAsync(Sandbox.Contoso.Id, Order.Id, Arg.Any<CancellationToken>()));
        cut.Find("#fact-status").TextContent.ShouldBe("Completed");
    }

    [Fact]
    public void Confirm_CancelRefused_ShowsErrorSnackbarWithCorrelationId()
    {
        GivenCancelFails(Refusal);
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent
            .ShouldBe($"Order {Order.AlternateId ?? Order.Id}: {Refusal.Message} (correlation id 5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a)");
        snackbar.ClassList.ShouldContain("mud-alert-filled-error");
    }

    [Fact]
    public void Confirm_OutcomeUnknown_ShowsTheStatusPartnerCenterNowReports()
    {
        OrderService.GetOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(Order), Outcome<Order>.Success(Sandbox.Cancelled(Order)));
        GivenCancelFails(new Problem(ProblemKind.OutcomeUnknown,
            "Partner Center did not answer. The order may or may not have been cancelled: check its status before trying again."));
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#fact-status").TextContent.ShouldBe("Cancelled"));
        cut.Find("#cancel-problem").TextContent.ShouldContain("may or may not have been cancelled");
    }

    [Fact]
    public void Confirm_PartnerCenterReportsAnotherStatus_SaysSoInAWarning()
    {
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(Order with { Status = OrderStatus.Pending, StatusText = "pending" }));
        var cut = RenderPage();
        OpenDialog(cut);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent
            .ShouldBe("Partner Center accepted the cancel of order 1a2b3c4d5e6f; it now reports the status Pending.");
        snackbar.ClassList.ShouldContain("mud-alert-filled-warning");
        cut.WaitForAssertion(() => cut.Find("#fact-status").TextContent.ShouldBe("Pending"));
    }

    [Fact]
    public void Confirm_UserLeftBeforeARefusalArrived_ReportsItWithoutTouchingTheGonePage()
    {
        var answer = new TaskCompletionSource<Outcome<Order>>();
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>()).Returns(answer.Task);
        var host = Render<Shown>(parameters => parameters
            .Add(p => p.When, true)
            .Add(p => p.ChildContent, page => page.AddContent(0, PageFragment)));
        host.WaitForElement("#cancel-order").Click();
        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        host.Render(parameters => parameters.Add(p => p.When, false));
        answer.SetResult(Outcome<Order>.Failure(Refusal));

        _providers.Snackbars.WaitForAssertion(() => _providers.Snackbars.Find(".mud-snackbar-content-message").TextContent
            .ShouldContain(Refusal.Message));
        _ = OrderService.Received(1).GetOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Navigate_ToAnotherOrderAfterARefusal_DoesNotShowTheRefusalThere()
    {
        GivenCancelFails(Refusal);
        GivenOrder(Sandbox.PerpetualSoftwareOrder);
        var cut = RenderPage();
        OpenDialog(cut);
        _providers.Dialogs.Find("#confirm-cancel-order").Click();
        cut.WaitForElement("#cancel-problem");

        cut.Render(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.PerpetualSoftwareOrder.CustomerId)
            .Add(p => p.OrderId, Sandbox.PerpetualSoftwareOrder.Id));

        cut.WaitForAssertion(() => cut.Find("#fact-order-id").TextContent.ShouldBe(Sandbox.PerpetualSoftwareOrder.Id));
        cut.FindAll("#cancel-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_UserMovedToAnotherOrderBeforeTheAnswer_LeavesThatOrderAsItIs()
    {
        var answer = new TaskCompletionSource<Outcome<Order>>();
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>()).Returns(answer.Task);
        GivenOrder(Sandbox.PerpetualSoftwareOrder);
        var cut = RenderPage();
        OpenDialog(cut);
        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        cut.Render(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.PerpetualSoftwareOrder.CustomerId)
            .Add(p => p.OrderId, Sandbox.PerpetualSoftwareOrder.Id));
        cut.WaitForAssertion(() => cut.Find("#fact-order-id").TextContent.ShouldBe(Sandbox.PerpetualSoftwareOrder.Id));
        answer.SetResult(Outcome<Order>.Success(Sandbox.Cancelled(Order)));

        _providers.Snackbars.WaitForElement(".mud-snackbar");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Sandbox.PerpetualSoftwareOrder.Id);
        cut.Find("#fact-status").TextContent.ShouldBe("Pending");
    }

    private static readonly RenderFragment PageFragment = builder =>
    {
        builder.OpenComponent<OrderDetailsPage>(0);
        builder.AddComponentParameter(1, nameof(OrderDetailsPage.CustomerId), Order.CustomerId);
        builder.AddComponentParameter(2, nameof(OrderDetailsPage.OrderId), Order.Id);
        builder.CloseComponent();
    };

    private IRenderedComponent<OrderDetailsPage> RenderPage() =>
        Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Order.CustomerId)
            .Add(p => p.OrderId, Order.Id));

    private IElement OpenDialog(IRenderedComponent<OrderDetailsPage> cut)
    {
        cut.WaitForElement("#cancel-order").Click();
        return _providers.Dialogs.WaitForElement(".mud-dialog");
    }

    private void GivenCancelSucceeds() =>
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(Sandbox.Cancelled(Order)));

    private void GivenCancelFails(Problem problem) =>
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(problem));
}
