using System.Reflection;
using Dashboard.Orders.Activity;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authorization;
using ActivityPage = Dashboard.Web.Features.Activity.ActivityPage;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// The activity log's page: who did what, when, with what result, a page at a time from the log; its loading, empty and
/// failed states; every column of a record; and values shown as text, with links that stay on the dashboard.
/// </summary>
public sealed class ActivityPageTests : ActivityPageTestContext
{
    [Fact]
    public void Render_LogNotAnsweredYet_ShowsTheTableLoadingAndNoEmptyText()
    {
        ActivityLog.QueryAsync(Arg.Any<ActivityQuery>(), Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<Dashboard.Orders.Activity.ActivityResults>().Task);

        var cut = RenderPage();

        cut.WaitForElement("#activity-table .mud-table-loading-progress");
        cut.FindAll("#no-activity").ShouldBeEmpty();
        cut.FindAll("#activity-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Records_ShowsOneRowEach()
    {
        GivenRecords(ActivitySamples.Export, ActivitySamples.RefusedLineCancel, ActivitySamples.JobCancel);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Rows(cut).Select(r => r.Cell("Action")).ShouldBe(["Export CSV", "Cancel lines (0, 2)", "Job: cancel order"]));
    }

    [Fact]
    public void Render_Record_ShowsItsTimeUserActionOutcomeDetailAndPartnerCenterIds()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel);

        var cut = RenderPage();

        var row = SingleRow(cut);
        row.Cell("Time (UTC)").ShouldBe("2026-11-25 08:41:07");
        row.Cell("User").ShouldBe("Olivia Operator");
        row.Cell("Action").ShouldBe("Cancel lines (0, 2)");
        row.Cell("Outcome").ShouldBe("Refused by Partner Center");
        row.VisibleText().ShouldContain("800048 · The order can no longer be cancelled: the cancellation window has passed.");
        row.Cell("MS-CorrelationId").ShouldBe("5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a");
        row.Cell("MS-RequestId").ShouldBe("c4d3e2f1-a0b9-4c8d-9e7f-6a5b4c3d2e1f");
    }

    [Fact]
    public void Render_Record_NamesTheUsersObjectIdTenantAndInstanceInTheTitle()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel);

        var cut = RenderPage();

        var user = cut.WaitForElement("#activity-table td[data-label='User'] span[title]");
        user.GetAttribute("title").ShouldBe(
            $"object id {ActivitySamples.OliviaObjectId} · tenant {SandboxGuard.EmulatorTenantId} · instance web-1 (pid 4242)");
    }

    [Fact]
    public void Render_Record_LinksItsCustomerByNameToTheCustomersOrders()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel);

        var cut = RenderPage();

        var link = cut.WaitForElement("#activity-table td[data-label='Customer'] a");
        (link.TextContent.Trim(), link.GetAttribute("href"), link.GetAttribute("title"))
            .ShouldBe(("Contoso Ltd", $"customers/{Sandbox.Contoso.Id}/orders", Sandbox.Contoso.Id));
    }

    [Fact]
    public void Render_Record_LinksItsOrderToTheOrdersPage()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel);

        var cut = RenderPage();

        var link = cut.WaitForElement("#activity-table td[data-label='Order'] a");
        (link.TextContent.Trim(), link.GetAttribute("href"))
            .ShouldBe((Sandbox.SoftwareOrder.Id, $"customers/{Sandbox.Contoso.Id}/orders/{Sandbox.SoftwareOrder.Id}"));
    }

    [Fact]
    public void Render_JobRecord_LinksTheJobByTheStartOfItsId()
    {
        GivenRecords(ActivitySamples.JobCancel);

        var cut = RenderPage();

        var link = cut.WaitForElement("#activity-table td[data-label='Job'] a");
        (link.TextContent.Trim(), link.GetAttribute("href"), link.GetAttribute("title"))
            .ShouldBe(("6a1f0c2e", $"jobs/{ActivitySamples.JobId}", ActivitySamples.JobId.ToString()));
        cut.Find("#activity-table td[data-label='Outcome']").TextContent.Trim().ShouldBe("Applied");
    }

    [Fact]
    public void Render_RecordWithoutCustomerOrderOrJob_LeavesThoseCellsEmpty()
    {
        GivenRecords(ActivitySamples.Export);

        var cut = RenderPage();

        var row = SingleRow(cut);
        (row.Cell("Customer"), row.Cell("Order"), row.Cell("Job"), row.Cell("MS-CorrelationId")).ShouldBe(("", "", "", ""));
        row.QuerySelectorAll("a").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoRecordsAndNoFilters_SaysWhatWillAppearHere()
    {
        var cut = RenderPage();

        cut.WaitForElement("#no-activity").TextContent.ShouldBe("No activity yet: cancels, jobs and downloads appear here as they happen.");
        cut.FindAll("#clear-filters").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoRecordsMatchTheFilters_SaysNothingMatchesAndOffersToClearThem()
    {
        var cut = RenderPage("activity?user=nobody");

        cut.WaitForElement("#no-activity").TextContent.ShouldBe("No activity matches these filters.");
        cut.Find("#clear-filters").TextContent.Trim().ShouldBe("Clear filters");
    }

    [Fact]
    public void Render_LogCannotBeRead_SaysSoWithoutTheExceptionAndShowsNoRows()
    {
        ActivityLog.QueryAsync(Arg.Any<ActivityQuery>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Dashboard.Orders.Activity.ActivityResults>(new TimeoutException("database is locked")));

        var cut = RenderPage();

        cut.WaitForElement("#activity-problem").VisibleText().ShouldBe(
            "The activity log could not be read from the dashboard's database. Change a filter or reload the page to try again.");
        cut.Markup.ShouldNotContain("database is locked");
        Rows(cut).ShouldBeEmpty();
    }

    [Fact]
    public void Filter_ChangedAfterAFailedRead_ReadsAgainAndTakesTheAlertAway()
    {
        ActivityLog.QueryAsync(Arg.Any<ActivityQuery>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Dashboard.Orders.Activity.ActivityResults>(new TimeoutException("database is locked")));
        var cut = RenderPage();
        cut.WaitForElement("#activity-problem");
        GivenRecords(ActivitySamples.Export);

        Choose(cut, "filter-action", "Export CSV");

        cut.WaitForAssertion(() => Rows(cut).Count.ShouldBe(1));
        cut.FindAll("#activity-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Reader_SeesTheRecordsAndTheDownload()
    {
        SignInAsReader();
        GivenRecords(ActivitySamples.RefusedLineCancel, ActivitySamples.JobCancel);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Rows(cut).Count.ShouldBe(2));
        cut.Find("#export-activity").GetAttribute("href").ShouldBe("activity/export.csv");
    }

    [Fact]
    public void Page_IsOnlyForThoseWhoMayReadTheDashboard()
    {
        var authorize = typeof(ActivityPage).GetCustomAttribute<AuthorizeAttribute>().ShouldNotBeNull();

        authorize.Policy.ShouldBe(AccessPolicies.Read);
        typeof(ActivityPage).GetCustomAttribute<AllowAnonymousAttribute>().ShouldBeNull();
    }

    [Fact]
    public void Render_Always_SaysHowLongRecordsAreKept()
    {
        var cut = RenderPage();

        cut.Markup.ShouldContain("kept for 400 days");
    }

    [Fact]
    public void Render_Records_NamesEveryControl()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel, ActivitySamples.JobCancel, ActivitySamples.Export);

        var cut = RenderPage("activity?user=Olivia");

        cut.WaitForAssertion(() => Rows(cut).Count.ShouldBe(3));
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }
}
