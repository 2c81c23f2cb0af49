using AngleSharp.Dom;
using Dashboard.Orders.Activity;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// An order's own history on its details page: the dashboard's records of it, newest first as the log gives them, read
/// again after each cancel, with a failure of the log shown as a note that leaves the order's page whole.
/// </summary>
public sealed class OrderHistoryTests : DashboardTestContext
{
    private static readonly Order Order = Sandbox.AnnualOrder;

    /// <summary>The job's cancel of the order, refused by Partner Center at 09:05.</summary>
    private static readonly ActivityEntry Latest = ActivitySamples.JobCancel with
    {
        Id = 50,
        At = new DateTimeOffset(2026, 11, 25, 9, 5, 0, TimeSpan.Zero),
        Outcome = ActivityOutcome.Refused,
        Code = "800048",
        Detail = "The cancellation window has passed.",
    };

    /// <summary>A reader's attempt at 08:00, denied by the dashboard.</summary>
    private static readonly ActivityEntry Earliest = ActivitySamples.JobCancel with
    {
        Id = 3,
        At = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero),
        UserName = "Riley Reader",
        Action = ActivityAction.CancelLines,
        Lines = "1",
        JobId = null,
        Outcome = ActivityOutcome.Denied,
        Detail = "Cancelling orders needs the Orders.Cancel role.",
        CorrelationId = null,
    };

    private readonly MudProviders _providers;

    public OrderHistoryTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Order);
    }

    [Fact]
    public void Render_OrderWithRecords_ShowsThemNewestFirst()
    {
        GivenHistory(Latest, Earliest);

        var cut = RenderPage();

        cut.WaitForAssertion(() => HistoryRows(cut).Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(["2026-11-25 09:05:00", "2026-11-25 08:00:00"]));
        _ = ActivityLog.Received(1).ForOrderAsync(Sandbox.Contoso.Id, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_Record_ShowsWhoWhatOutcomeDetailAndCorrelationId()
    {
        GivenHistory(Latest, Earliest);

        var cut = RenderPage();

        cut.WaitForAssertion(() => HistoryRows(cut).Count.ShouldBe(2));
        HistoryRows(cut).Select(r => r.TextPieces()).ShouldBe(
        [
            ["2026-11-25 09:05:00", "Olivia Operator", "Job: cancel order", "Refused by Partner Center", "800048 · The cancellation window has passed.",
                Latest.CorrelationId!, "6a1f0c2e"],
            ["2026-11-25 08:00:00", "Riley Reader", "Cancel lines (1)", "Denied by the dashboard", "Cancelling orders needs the Orders.Cancel role."],
        ]);
    }

    [Fact]
    public void Render_JobRecord_LinksToTheJob()
    {
        GivenHistory(Latest);

        var cut = RenderPage();

        cut.WaitForElement("#order-history a[href^='jobs/']").GetAttribute("href").ShouldBe($"jobs/{ActivitySamples.JobId}");
    }

    [Fact]
    public void Render_OrderWithRecords_LinksToItsRecordsOnTheActivityPage()
    {
        GivenHistory(Latest);

        var cut = RenderPage();

        cut.WaitForElement("#order-history");
        cut.FindAll("a").Single(a => a.TextContent.Trim() == "See it on the activity page").GetAttribute("href")
            .ShouldBe($"activity?order={Order.Id}");
    }

    [Fact]
    public void Render_OrderWithoutRecords_SaysTheDashboardHasNotChangedIt()
    {
        var cut = RenderPage();

        cut.WaitForElement("#order-history-empty").TextContent.ShouldBe("This dashboard has not changed this order.");
        cut.FindAll("#order-history").ShouldBeEmpty();
    }

    [Fact]
    public void Render_HistoryNotReadYet_ShowsItLoadingBelowTheOrder()
    {
        ActivityLog.ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<IReadOnlyList<ActivityEntry>>().Task);

        var cut = RenderPage();

        cut.WaitForElement("[aria-label=\"Loading the order's history\"]");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Order.Id);
    }

    [Fact]
    public void Render_LogCannotBeRead_SaysSoAndStillShowsTheOrder()
    {
        ActivityLog.ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<ActivityEntry>>(new TimeoutException("database is locked")));

        var cut = RenderPage();

        cut.WaitForElement("#order-history-problem").TextContent.Trim().ShouldBe("The order's history could not be read from the dashboard's database.");
        cut.Markup.ShouldNotContain("database is locked");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Order.Id);
    }

    [Fact]
    public void Cancel_Confirmed_ReadsTheHistoryAgainAndShowsTheNewRecord()
    {
        var cancelled = ActivitySamples.JobCancel with { Id = 60, Action = ActivityAction.CancelOrder, JobId = null, At = Latest.At.AddMinutes(5) };
        ActivityLog.ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns([Earliest], [cancelled, Earliest]);
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Success(Sandbox.Cancelled(Order)));
        var cut = RenderPage();
        cut.WaitForAssertion(() => HistoryRows(cut).Count.ShouldBe(1));

        cut.Find("#cancel-order").Click();
        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => HistoryRows(cut).Select(r => r.TextPieces()[2]).ShouldBe(["Cancel order", "Cancel lines (1)"]));
        _ = ActivityLog.Received(2).ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Cancel_RefusedByPartnerCenter_ReadsTheHistoryAgainToo()
    {
        ActivityLog.ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns([], [Latest]);
        OrderService.CancelOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Order>.Failure(new Problem(ProblemKind.Refused, "The cancellation window has passed.", "800048", null)));
        var cut = RenderPage();
        cut.WaitForElement("#order-history-empty");

        cut.Find("#cancel-order").Click();
        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => HistoryRows(cut).Count.ShouldBe(1));
        cut.FindAll("#order-history-empty").ShouldBeEmpty();
    }

    [Fact]
    public void Render_MarkupInARecord_ShowsItAsText()
    {
        GivenHistory(Latest with { UserName = "<b>Mallory</b>", Detail = "<script>alert(1)</script>" });

        var cut = RenderPage();

        cut.WaitForElement("#order-history").TextContent.ShouldContain("<script>alert(1)</script>");
        cut.FindAll("#order-history script, #order-history b").ShouldBeEmpty();
    }

    private void GivenHistory(params ActivityEntry[] entries) =>
        ActivityLog.ForOrderAsync(Order.CustomerId, Order.Id, Arg.Any<CancellationToken>()).Returns(entries);

    private IRenderedComponent<OrderDetailsPage> RenderPage()
    {
        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Order.CustomerId)
            .Add(p => p.OrderId, Order.Id));
        cut.WaitForElement("#fact-order-id");
        return cut;
    }

    private static IReadOnlyList<IElement> HistoryRows(IRenderedComponent<OrderDetailsPage> cut) => [.. cut.FindAll("#order-history tbody tr")];
}
