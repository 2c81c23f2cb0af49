using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>Software orders can have some of their lines cancelled: the user picks them, confirms, and only those go.</summary>
public sealed class OrderDetailsPageLineCancelTests : DashboardTestContext
{
    private static readonly Order Order = Sandbox.SoftwareOrder;

    private static readonly int[] LinesZeroAndTwo = [0, 2];

    private readonly MudProviders _providers;

    public OrderDetailsPageLineCancelTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Order);
    }

    [Fact]
    public void Render_MultiLineSoftwareOrder_OffersToChooseLines()
    {
        var cut = RenderPage(Order);

        cut.WaitForElement("#line-items-table");
        LineCheckboxes(cut).Count.ShouldBe(3);
        var cancelLines = cut.Find("#cancel-selected-lines");
        cancelLines.VisibleText().ShouldBe("Cancel selected lines (0)");
        cancelLines.HasAttribute("disabled").ShouldBeTrue();
    }

    [Theory]
    [InlineData(ProductKind.Unknown)]
    [InlineData(ProductKind.NewCommerce)]
    [InlineData(ProductKind.ReservedInstance)]
    public void Render_OrderOfAnotherKind_OffersNoLineChoice(ProductKind kind)
    {
        var order = Order with { ProductKind = kind };

        var cut = RenderPage(order);

        cut.WaitForElement("#line-items-table");
        cut.FindAll("#cancel-selected-lines").ShouldBeEmpty();
        LineCheckboxes(cut).ShouldBeEmpty();
    }

    [Fact]
    public void Render_SoftwareOrderWithOneLine_OffersNoLineChoice()
    {
        var cut = RenderPage(Sandbox.PerpetualSoftwareOrder with { Status = OrderStatus.Completed, Cancellability = Cancellability.Allowed() });

        cut.WaitForElement("#line-items-table");
        cut.FindAll("#cancel-selected-lines").ShouldBeEmpty();
    }

    [Fact]
    public void Render_SoftwareOrderTheRulesBlock_OffersNoLineChoice()
    {
        var tooOld = Order with { Cancellability = Cancellability.Blocked(CancelBlock.WindowPassed, "More than 60 days ago.") };

        var cut = RenderPage(tooOld);

        cut.WaitForElement("#line-items-table");
        cut.FindAll("#cancel-selected-lines").ShouldBeEmpty();
        LineCheckboxes(cut).ShouldBeEmpty();
    }

    [Fact]
    public void SelectLines_Two_CountsThemAndEnablesTheButton()
    {
        var cut = RenderPage(Order);

        Select(cut, 0, 2);

        var cancelLines = cut.Find("#cancel-selected-lines");
        cancelLines.VisibleText().ShouldBe("Cancel selected lines (2)");
        cancelLines.HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void CancelSelectedLines_Click_OpensTheDialogForJustThoseLines()
    {
        var cut = RenderPage(Order);
        Select(cut, 0, 2);

        cut.Find("#cancel-selected-lines").Click();

        var dialog = _providers.Dialogs.WaitForElement(".mud-dialog");
        dialog.QuerySelector("#confirm-cancel-title")!.TextContent.ShouldBe("Cancel 2 lines of order 7f6a5b4c3d2e?");
        dialog.QuerySelectorAll("#confirm-cancel-lines tbody tr").Select(r => r.VisibleText())
            .ShouldBe(["0 Windows Server 2022 Datacenter 10 1 year", "2 Project Professional 2021 2 1 year"]);
        dialog.QuerySelector("#confirm-cancel-order")!.TextContent.Trim().ShouldBe("Cancel lines");
    }

    [Fact]
    public void CancelSelectedLines_WhileTheDialogIsOpen_DisablesBothCancelButtons()
    {
        var cut = RenderPage(Order);
        Select(cut, 1);

        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement(".mud-dialog");
        cut.WaitForAssertion(() => cut.Find("#cancel-selected-lines").HasAttribute("disabled").ShouldBeTrue());
        cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Confirm_SelectedLines_CancelsExactlyThoseLineNumbersAndNotTheOrder()
    {
        GivenLinesCancelled(Order);
        var cut = RenderPage(Order);
        Select(cut, 0, 2);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => _ = OrderService.Received(1).CancelLineItemsAsync(
            Order.CustomerId, Order.Id, Arg.Is<IReadOnlyCollection<int>>(lines => lines.Order().SequenceEqual(LinesZeroAndTwo)), Arg.Any<CancellationToken>()));
        _ = OrderService.Received(1).CancelLineItemsAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyCollection<int>>(), Arg.Any<CancellationToken>());
        _ = OrderService.DidNotReceiveWithAnyArgs().CancelOrderAsync(default!, default!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_SelectedLinesCancelled_ShowsTheOrderPartnerCenterReturns()
    {
        var afterwards = Order with { LineItems = [Order.LineItems[0] with { Quantity = 0 }, Order.LineItems[1], Order.LineItems[2] with { Quantity = 0 }] };
        GivenLinesCancelled(afterwards);
        var cut = RenderPage(Order);
        Select(cut, 0, 2);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.TableRows("line-items-table").Select(r => r.Cell("Quantity")).ShouldBe(["0", "5", "0"]));
        cut.Find("#fact-status").TextContent.ShouldBe("Completed");
    }

    [Fact]
    public void Confirm_SelectedLinesCancelled_ClearsTheChoice()
    {
        GivenLinesCancelled(Order);
        var cut = RenderPage(Order);
        Select(cut, 0, 2);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.Find("#cancel-selected-lines").VisibleText().ShouldBe("Cancel selected lines (0)"));
    }

    [Fact]
    public void Confirm_SelectedLinesCancelled_ShowsASnackbarNamingTheLines()
    {
        GivenLinesCancelled(Order);
        var cut = RenderPage(Order);
        Select(cut, 2, 0);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent
            .ShouldBe("Lines 0, 2 of order 7f6a5b4c3d2e are cancelled; the order is Completed.");
        snackbar.ClassList.ShouldContain("mud-alert-filled-success");
    }

    [Fact]
    public void Confirm_OneSelectedLineCancelled_NamesTheLineInTheSingular()
    {
        GivenLinesCancelled(Order);
        var cut = RenderPage(Order);
        Select(cut, 1);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar .mud-snackbar-content-message").TextContent
            .ShouldBe("Line 1 of order 7f6a5b4c3d2e is cancelled; the order is Completed.");
    }

    [Fact]
    public void Confirm_SelectedLinesRefused_ShowsTheProblemAndReadsTheOrderAgain()
    {
        var refusal = new Problem(ProblemKind.Refused, "Line 2 cannot be cancelled: it is still being provisioned.", "800051", "4c3b2a19-0f8e-4d7c-b6a5-948372615049");
        OrderService.CancelLineItemsAsync(Order.CustomerId, Order.Id, Arg.Any<IReadOnlyCollection<int>>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(refusal));
        var cut = RenderPage(Order);
        Select(cut, 2);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForElement("#cancel-problem").TextContent.ShouldContain(refusal.Message);
        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent
            .ShouldBe($"Order 7f6a5b4c3d2e: {refusal.Message} (correlation id 4c3b2a19-0f8e-4d7c-b6a5-948372615049)");
        _ = OrderService.Received(2).GetOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void KeepOrder_AfterChoosingLines_CancelsNothing()
    {
        var cut = RenderPage(Order);
        Select(cut, 1);
        cut.Find("#cancel-selected-lines").Click();

        _providers.Dialogs.WaitForElement("#keep-order").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        _ = OrderService.DidNotReceiveWithAnyArgs().CancelLineItemsAsync(default!, default!, default!, Arg.Any<CancellationToken>());
        cut.WaitForAssertion(() => cut.Find("#cancel-selected-lines").HasAttribute("disabled").ShouldBeFalse());
    }

    [Fact]
    public void SelectAllLines_OneAlreadyCancelled_ChoosesOnlyTheLinesStillHeld()
    {
        var partlyCancelled = Order with { LineItems = [Order.LineItems[0], Order.LineItems[1], Order.LineItems[2] with { Quantity = 0 }] };
        var cut = RenderPage(partlyCancelled);
        cut.WaitForElement("#line-items-table");

        // The page says "only lines still held can be chosen": line 2 has nothing left to cancel.
        cut.Find("#line-items-table thead input[type=checkbox]").Change(true);

        cut.WaitForAssertion(() => cut.Find("#cancel-selected-lines").VisibleText().ShouldBe("Cancel selected lines (2)"));
    }

    private IRenderedComponent<OrderDetailsPage> RenderPage(Order order)
    {
        GivenOrder(order);
        return Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, order.CustomerId)
            .Add(p => p.OrderId, order.Id));
    }

    private static IReadOnlyList<IElement> LineCheckboxes(IRenderedComponent<OrderDetailsPage> cut) =>
        [.. cut.FindAll("#line-items-table tbody input[type=checkbox]")];

    private static void Select(IRenderedComponent<OrderDetailsPage> cut, params int[] lineNumbers)
    {
        cut.WaitForElement("#line-items-table");
        foreach (var number in lineNumbers)
        {
            var row = cut.TableRows("line-items-table").Single(r => r.Cell("#") == number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            row.QuerySelector("input[type=checkbox]")!.Change(true);
        }

        cut.WaitForAssertion(() => cut.Find("#cancel-selected-lines").VisibleText().ShouldBe($"Cancel selected lines ({lineNumbers.Length})"));
    }

    private void GivenLinesCancelled(Order returned) =>
        OrderService.CancelLineItemsAsync(Order.CustomerId, Order.Id, Arg.Any<IReadOnlyCollection<int>>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(returned));
}
