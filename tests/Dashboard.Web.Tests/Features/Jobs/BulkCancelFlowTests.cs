using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>
/// From the orders page to a running job: the preview of exactly the chosen orders, the dialog, and then either nothing
/// (kept) or one job started and its page opened; a problem is said in a snackbar.
/// </summary>
public sealed class BulkCancelFlowTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly Order[] Orders = Sandbox.ManyOrders(12);

    private static readonly Guid Started = Guid.Parse("0e6c1b7a-9f2d-4c3e-8b5a-7d6e5f4a3b2c");

    private readonly MudProviders _providers;

    private readonly string _ordersAddress = $"/customers/{Contoso.Id}/orders";

    public BulkCancelFlowTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Orders);
    }

    [Fact]
    public void CancelSelected_TwoChecked_PreviewsExactlyThoseTwoOfTheCustomer()
    {
        IReadOnlyCollection<string>? asked = null;
        JobService.PreviewBulkCancelAsync(Contoso.Id, Arg.Do<IReadOnlyCollection<string>>(ids => asked = [.. ids]), Arg.Any<CancellationToken>())
            .Returns(JobSamples.Preview([Orders[1], Orders[4]]));
        var cut = RenderPage();
        Check(cut, Orders[1]);
        Check(cut, Orders[4]);

        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement(".mud-dialog");
        asked.ShouldNotBeNull().ShouldBe([Orders[1].Id, Orders[4].Id], ignoreOrder: true);
        _ = JobService.Received(1).PreviewBulkCancelAsync(Arg.Any<string>(), Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void CancelSelected_PreviewMade_ShowsItInTheDialog()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);

        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#bulk-cancel-title").TextContent.ShouldBe("Cancel 2 orders of Contoso Ltd?");
    }

    [Fact]
    public void CancelSelected_PreviewFails_SaysWhyInASnackbarAndOpensNoDialog()
    {
        JobService.PreviewBulkCancelAsync(default!, default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(
            Outcome<BulkCancelPlan>.Failure(new Problem(ProblemKind.Unavailable, "Partner Center did not answer in time.", null, "c0ffee00-1111-4222-8333-444455556666")));
        var cut = RenderPage();
        Check(cut, Orders[0]);

        cut.Find("#cancel-selected").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent.ShouldBe(
            "The preview could not be made: Partner Center did not answer in time. (correlation id c0ffee00-1111-4222-8333-444455556666)");
        _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
    }

    [Fact]
    public void KeepOrders_Click_StartsNothingAndStaysOnThePage()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#keep-orders").Click();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeFalse());
        _ = JobService.DidNotReceiveWithAnyArgs().StartBulkCancelAsync(default!, Arg.Any<CancellationToken>());
        CurrentAddress.ShouldBe(_ordersAddress);
    }

    [Fact]
    public void KeepOrders_Click_KeepsTheSelection()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#keep-orders").Click();

        cut.WaitForAssertion(() => cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeFalse());
        cut.Find("#selected-count").TextContent.Trim().ShouldBe("2 orders selected");
    }

    [Fact]
    public void Confirm_UnderTen_StartsOneJobWithThePlanShown()
    {
        var plan = GivenPreviewOf(Orders[0], Orders[1]);
        GivenTheJobStarts();
        var cut = RenderPage();
        Check(cut, Orders[0]);
        Check(cut, Orders[1]);
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#start-bulk-cancel").Click();

        cut.WaitForAssertion(() => _ = JobService.Received(1).StartBulkCancelAsync(plan, Arg.Any<CancellationToken>()));
        _ = JobService.Received(1).StartBulkCancelAsync(Arg.Any<BulkCancelPlan>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_JobStarted_OpensTheJobsPage()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);
        GivenTheJobStarts();
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#start-bulk-cancel").Click();

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe($"/jobs/{Started}"));
        _providers.Snackbars.Find(".mud-snackbar-content-message").TextContent.ShouldBe("The job has started. It goes on if you leave this page.");
    }

    [Fact]
    public void Confirm_TwelveOrdersAndTheNumberTyped_StartsTheJob()
    {
        var plan = GivenPreviewOf(Orders);
        GivenTheJobStarts();
        var cut = RenderPage();
        cut.WaitForElement("#select-all-cancellable").Click();
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("12 orders selected"));
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#bulk-cancel-typed").Input("12");
        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("#start-bulk-cancel").HasAttribute("disabled").ShouldBeFalse());
        _providers.Dialogs.Find("#start-bulk-cancel").Click();

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe($"/jobs/{Started}"));
        _ = JobService.Received(1).StartBulkCancelAsync(plan, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_StartRefused_SaysWhyInASnackbarAndGoesNowhere()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);
        JobService.StartBulkCancelAsync(default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(Outcome<Guid>.Failure(
            new Problem(ProblemKind.NotAllowed, "Cancelling orders needs the Orders.Cancel role, and Olivia Operator does not have it.")));
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#start-bulk-cancel").Click();

        var snackbar = _providers.Snackbars.WaitForElement(".mud-snackbar");
        snackbar.QuerySelector(".mud-snackbar-content-message")!.TextContent.ShouldBe(
            "The job was not started: Cancelling orders needs the Orders.Cancel role, and Olivia Operator does not have it.");
        snackbar.ClassList.ShouldContain("mud-alert-filled-error");
        CurrentAddress.ShouldBe(_ordersAddress);
    }

    [Fact]
    public void Confirm_StartRefused_KeepsTheSelectionForAnotherTry()
    {
        var cut = RenderPageWithPreviewOf(Orders[0], Orders[1]);
        JobService.StartBulkCancelAsync(default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(Outcome<Guid>.Failure(new Problem(ProblemKind.Unavailable, "The store is busy.")));
        cut.Find("#cancel-selected").Click();

        _providers.Dialogs.WaitForElement("#start-bulk-cancel").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar");
        cut.WaitForAssertion(() => cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeFalse());
        cut.Find("#selected-count").TextContent.Trim().ShouldBe("2 orders selected");
    }

    [Fact]
    public void CleanUpCustomer_Click_PlansTheCleanUpOfThisCustomerOnly()
    {
        JobService.PlanCleanUpAsync(default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(JobSamples.CleanUp(JobSamples.CleanUpOf(Contoso, Orders)));
        var cut = RenderPage();

        cut.WaitForElement("#cleanup-customer").Click();

        _providers.Dialogs.WaitForElement("#cleanup-title").TextContent.ShouldBe("Clean up Contoso Ltd?");
        _ = JobService.Received(1).PlanCleanUpAsync(Arg.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { Contoso.Id })), Arg.Any<CancellationToken>());
    }

    private BulkCancelPlan GivenPreviewOf(params Order[] orders)
    {
        var plan = JobSamples.Preview(orders);
        JobService.PreviewBulkCancelAsync(default!, default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(plan);
        return plan;
    }

    private void GivenTheJobStarts() =>
        JobService.StartBulkCancelAsync(default!, Arg.Any<CancellationToken>()).ReturnsForAnyArgs(Started);

    /// <summary>The page with <paramref name="orders"/> checked, and their preview ready to be asked for.</summary>
    private IRenderedComponent<OrdersPage> RenderPageWithPreviewOf(params Order[] orders)
    {
        GivenPreviewOf(orders);
        var cut = RenderPage();
        foreach (var order in orders)
        {
            Check(cut, order);
        }

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe($"{orders.Length} orders selected"));
        return cut;
    }

    private static void Check(IRenderedComponent<OrdersPage> cut, Order order) => cut.WaitForElement($"#select-order-{order.Id}").Change(true);

    private IRenderedComponent<OrdersPage> RenderPage()
    {
        GivenTheAddressIs(_ordersAddress);
        return Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
    }
}
