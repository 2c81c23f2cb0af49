using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Jobs;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>
/// The job page while it lives: read again every second on the page's clock while the job is active and never once it is
/// over; Stop and "retry the failed ones" for operators, and neither for readers.
/// </summary>
public sealed class JobPageLiveTests : DashboardTestContext
{
    private static readonly Guid Id = JobSamples.JobId;

    private static readonly Guid RetryId = Guid.Parse("4d3c2b1a-0f9e-4d8c-b7a6-958473625140");

    private readonly MudProviders _providers;

    public JobPageLiveTests() => _providers = RenderMudProviders();

    [Fact]
    public async Task Tick_OneSecondWhileRunning_ReadsTheJobAgainAndShowsItsProgress()
    {
        GivenReads(JobSamples.Running(), JobSamples.Running() with { Counts = Counts((JobItemOutcome.Cancelled, 7), (JobItemOutcome.None, 3)) });
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=job-percent]").VisibleText().ShouldBe("40 % · 4 of 10");

        await AdvanceAsync(cut, JobPage.RefreshEvery);

        cut.WaitForAssertion(() => cut.Find("[data-testid=job-percent]").VisibleText().ShouldBe("70 % · 7 of 10"));
        await Reads(2);
    }

    [Fact]
    public async Task Tick_LessThanASecond_DoesNotReadTheJobAgain()
    {
        GivenReads(JobSamples.Running());
        var cut = RenderPage();
        cut.WaitForElement("#job-title");

        await AdvanceAsync(cut, TimeSpan.FromMilliseconds(900));

        await Reads(1);
    }

    [Fact]
    public async Task Tick_JobFinishedOnTheLastRead_StopsReadingIt()
    {
        GivenReads(JobSamples.Running(), JobSamples.FinishedWithMixedOutcomes());
        var cut = RenderPage();
        cut.WaitForElement("#job-title");
        await AdvanceAsync(cut, JobPage.RefreshEvery);
        cut.WaitForAssertion(() => cut.Find("[data-state]").GetAttribute("data-state").ShouldBe("Completed"));

        for (var i = 0; i < 5; i++)
        {
            await AdvanceAsync(cut, JobPage.RefreshEvery);
        }

        await Reads(2);
    }

    [Fact]
    public async Task Tick_JobAlreadyFinished_NeverReadsItAgain()
    {
        GivenReads(JobSamples.FinishedWithMixedOutcomes());
        var cut = RenderPage();
        cut.WaitForElement("#job-title");

        await AdvanceAsync(cut, TimeSpan.FromSeconds(10));

        await Reads(1);
    }

    [Fact]
    public async Task Tick_PageLeft_DoesNotReadTheJobAgain()
    {
        GivenReads(JobSamples.Running());
        var host = Render<Dashboard.Web.Tests.Testing.Shown>(parameters => parameters
            .Add(p => p.When, true)
            .Add(p => p.ChildContent, page =>
            {
                page.OpenComponent<JobPage>(0);
                page.AddAttribute(1, nameof(JobPage.JobId), Id.ToString());
                page.CloseComponent();
            }));
        host.WaitForElement("#job-title");

        host.Render(parameters => parameters.Add(p => p.When, false));
        Time.Advance(TimeSpan.FromSeconds(5));

        await Reads(1);
    }

    [Fact]
    public async Task Tick_StoreFailedToAnswer_ShowsTheProblemAndShowsTheJobOnceItAnswers()
    {
        JobService.GetJobAsync(Id, Arg.Any<CancellationToken>()).Returns(
            _ => Task.FromException<JobDetails?>(new TimeoutException("The database is locked.")),
            _ => Task.FromResult<JobDetails?>(JobSamples.Details(JobSamples.Running())));
        var cut = RenderPage();
        cut.WaitForElement("#job-problem");

        await AdvanceAsync(cut, JobPage.RefreshEvery);

        cut.WaitForElement("#job-title");
        cut.FindAll("#job-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Stop_Click_AsksTheServiceToStopThatJobOnce()
    {
        GivenReads(JobSamples.Running(), JobSamples.Running() with { State = JobState.Stopping });
        JobService.StopAsync(Id, Arg.Any<CancellationToken>()).Returns(JobSamples.Running() with { State = JobState.Stopping });
        var cut = RenderPage();

        cut.WaitForElement("#stop-job").Click();

        cut.WaitForElement("#job-stopping");
        _ = JobService.Received(1).StopAsync(Id, Arg.Any<CancellationToken>());
        _ = JobService.Received(1).StopAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Stop_Refused_SaysWhyInASnackbar()
    {
        GivenReads(JobSamples.Running());
        JobService.StopAsync(Id, Arg.Any<CancellationToken>()).Returns(Outcome<JobSummary>.Failure(new Problem(ProblemKind.InvalidInput, "The job has already finished.")));
        var cut = RenderPage();

        cut.WaitForElement("#stop-job").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent.ShouldBe("The job was not stopped: The job has already finished.");
    }

    [Fact]
    public void Retry_ConfirmedInThePreview_StartsTheRetryAndOpensTheNewJob()
    {
        GivenReads(JobSamples.FinishedWithMixedOutcomes());
        var preview = JobSamples.Preview([Sandbox.SoftwareOrder]) with { RetryOf = Id };
        JobService.PlanRetryAsync(Id, Arg.Any<CancellationToken>()).Returns(new RetryPlan(Id, preview, null));
        JobService.StartBulkCancelAsync(preview, Arg.Any<CancellationToken>()).Returns(RetryId);
        var cut = RenderPage();

        cut.WaitForElement("#retry-failed").Click();
        _providers.Dialogs.WaitForElement("#start-bulk-cancel").Click();

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe($"/jobs/{RetryId}"));
        _ = JobService.Received(1).StartBulkCancelAsync(preview, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Retry_KeptInThePreview_StartsNothing()
    {
        GivenTheAddressIs($"jobs/{Id}");
        GivenReads(JobSamples.FinishedWithMixedOutcomes());
        var preview = JobSamples.Preview([Sandbox.SoftwareOrder]) with { RetryOf = Id };
        JobService.PlanRetryAsync(Id, Arg.Any<CancellationToken>()).Returns(new RetryPlan(Id, preview, null));
        var cut = RenderPage();

        cut.WaitForElement("#retry-failed").Click();
        _providers.Dialogs.WaitForElement("#keep-orders").Click();

        cut.WaitForAssertion(() => _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        _ = JobService.DidNotReceiveWithAnyArgs().StartBulkCancelAsync(default!, Xunit.TestContext.Current.CancellationToken);
        CurrentAddress.ShouldBe($"/jobs/{Id}");
    }

    [Fact]
    public void Retry_Refused_SaysWhyAndStaysOnTheJob()
    {
        GivenTheAddressIs($"jobs/{Id}");
        GivenReads(JobSamples.FinishedWithMixedOutcomes());
        JobService.PlanRetryAsync(Id, Arg.Any<CancellationToken>()).Returns(Outcome<RetryPlan>.Failure(new Problem(ProblemKind.InvalidInput, "Nothing to retry.")));
        var cut = RenderPage();

        cut.WaitForElement("#retry-failed").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent.ShouldBe("The failed orders could not be planned again: Nothing to retry.");
        CurrentAddress.ShouldBe($"/jobs/{Id}");
    }

    [Fact]
    public void Render_ReaderOnARunningJob_ShowsItsProgressWithoutStop()
    {
        SignInAsReader();
        GivenReads(JobSamples.Running());

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=job-percent]").VisibleText().ShouldBe("40 % · 4 of 10");
        cut.FindAll("#stop-job").ShouldBeEmpty();
    }

    [Fact]
    public void Render_ReaderOnAFinishedJob_ShowsItsItemsAndTheCsvWithoutRetry()
    {
        SignInAsReader();
        JobService.GetJobAsync(Id, Arg.Any<CancellationToken>()).Returns(
            JobSamples.Details(JobSamples.FinishedWithMixedOutcomes(), JobSamples.Item(1, JobItemOutcome.Refused, "800048")));

        var cut = RenderPage();

        cut.WaitForElement("#job-items [data-testid=item-outcome]").TextContent.Trim().ShouldBe("refused");
        cut.FindAll("#download-csv").ShouldHaveSingleItem();
        cut.FindAll("#retry-failed, #stop-job").ShouldBeEmpty();
    }

    private static Dictionary<JobItemOutcome, int> Counts(params (JobItemOutcome Outcome, int Count)[] counts) =>
        counts.ToDictionary(c => c.Outcome, c => c.Count);

    /// <summary>The store answers <paramref name="first"/>, then each of <paramref name="then"/> in turn (the last one again after that).</summary>
    private void GivenReads(JobSummary first, params JobSummary[] then) =>
        JobService.GetJobAsync(Id, Arg.Any<CancellationToken>())
            .Returns(JobSamples.Details(first), [.. then.Select(j => (JobDetails?)JobSamples.Details(j))]);

    /// <summary>Moves the page's clock on, then lets the renderer finish what the timer queued.</summary>
    private async Task AdvanceAsync(IRenderedComponent<JobPage> cut, TimeSpan by)
    {
        Time.Advance(by);
        await cut.InvokeAsync(() => { });
    }

    private async Task Reads(int count)
    {
        await Renderer.Dispatcher.InvokeAsync(() => { });
        _ = JobService.Received(count).GetJobAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>());
    }

    private IRenderedComponent<JobPage> RenderPage() => Render<JobPage>(parameters => parameters.Add(p => p.JobId, Id.ToString()));
}
