using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Jobs;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>The jobs list: every user who may read sees the same jobs, read from the store every two seconds.</summary>
public sealed class JobsPageTests : DashboardTestContext
{
    private static readonly JobSummary Running = JobSamples.Running();

    private static readonly JobSummary CleanUp = JobSamples.FinishedWithMixedOutcomes() with
    {
        Id = Guid.Parse("7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"),
        Kind = JobKind.CustomerCleanUp,
        Title = "Clean up Fabrikam, Inc.",
        CreatedBy = "Oscar Operator",
        CreatedAt = JobSamples.Created.AddHours(-1),
    };

    public JobsPageTests() => RenderMudProviders();

    [Fact]
    public void Render_NoJobs_SaysWhereJobsAreStarted()
    {
        GivenJobs();

        var cut = Render<JobsPage>();

        cut.WaitForElement("#no-jobs").VisibleText().ShouldBe(
            "No jobs yet. Cancel many orders from a customer's orders page, or clean up customers from the customers page.");
        cut.FindAll("#jobs-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_FirstVisit_AsksForTheHundredMostRecentJobs()
    {
        GivenJobs(Running);

        var cut = Render<JobsPage>();

        cut.WaitForElement("#jobs-table");
        _ = JobService.Received(1).ListJobsAsync(100, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_Jobs_LinksEachTitleToItsPage()
    {
        GivenJobs(Running, CleanUp);

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.FindAll("#jobs-table td[data-label=Job] a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ShouldBe(
            [("Cancel 10 orders of Contoso Ltd", $"jobs/{Running.Id}"), ("Clean up Fabrikam, Inc.", $"jobs/{CleanUp.Id}")]));
    }

    [Fact]
    public void Render_Jobs_ShowsEachStateProgressAndWhoStartedIt()
    {
        GivenJobs(Running, CleanUp);

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.TableRows("jobs-table").Count.ShouldBe(2));
        var shown = cut.TableRows("jobs-table").Select(r => (
            r.QuerySelector("[data-state]")!.GetAttribute("data-state"),
            r.QuerySelector("[data-testid=job-percent]")!.VisibleText(),
            r.Cell("Started by"),
            r.Cell("Created")));
        shown.ShouldBe(
        [
            ("Running", "40 % · 4 of 10", "Olivia Operator", "2026-11-25 08:30:00"),
            ("Completed", "100 % · 7 of 7", "Oscar Operator", "2026-11-25 07:30:00"),
        ]);
    }

    [Fact]
    public void Render_Jobs_LeavesThePaceToTheJobsOwnPage()
    {
        GivenJobs(Running);

        var cut = Render<JobsPage>();

        cut.WaitForElement("#jobs-table [data-testid=job-percent]");
        cut.FindAll("[data-testid=job-pace]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Tick_TwoSeconds_ReadsTheJobsAgainAndShowsWhatChanged()
    {
        JobService.ListJobsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns([Running], [Running with { State = JobState.Completed, Counts = new Dictionary<JobItemOutcome, int> { [JobItemOutcome.Cancelled] = 10 } }]);
        var cut = Render<JobsPage>();
        cut.WaitForElement("[data-state=Running]");

        Time.Advance(JobsPage.RefreshEvery);

        cut.WaitForElement("[data-state=Completed]");
        await cut.InvokeAsync(() => { });
        _ = JobService.Received(2).ListJobsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Tick_UnderTwoSeconds_DoesNotReadTheJobsAgain()
    {
        GivenJobs(Running);
        var cut = Render<JobsPage>();
        cut.WaitForElement("#jobs-table");

        Time.Advance(JobsPage.RefreshEvery - TimeSpan.FromMilliseconds(1));

        await cut.InvokeAsync(() => { });
        _ = JobService.Received(1).ListJobsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_StoreDoesNotAnswer_SaysItTriesAgain()
    {
        JobService.ListJobsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<JobSummary>>(new TimeoutException("The database is locked.")));

        var cut = Render<JobsPage>();

        cut.WaitForElement("#jobs-problem").VisibleText().ShouldBe(
            "The jobs could not be read from the dashboard's database. The page tries again every few seconds.");
        cut.Markup.ShouldNotContain("The database is locked.");
    }

    [Fact]
    public void Render_Reader_ListsTheJobsWithoutAnyAction()
    {
        SignInAsReader();
        GivenJobs(Running, CleanUp);

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.TableRows("jobs-table").Count.ShouldBe(2));
        cut.FindAll("button").ShouldBeEmpty();
        cut.FindAll("#stop-job, #retry-failed, #cancel-selected, #cleanup-selected").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Jobs_NamesEveryControl()
    {
        GivenJobs(Running, CleanUp);

        var cut = Render<JobsPage>();

        cut.WaitForElement("#jobs-table");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    private void GivenJobs(params JobSummary[] jobs) =>
        JobService.ListJobsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(jobs);
}
