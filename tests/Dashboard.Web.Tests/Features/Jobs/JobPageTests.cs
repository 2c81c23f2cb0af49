using AngleSharp.Dom;
using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Jobs;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>One job in each of its states, as the job page shows it to an operator: progress, outcomes, and each item.</summary>
public sealed class JobPageTests : DashboardTestContext
{
    private static readonly Guid Id = JobSamples.JobId;

    public JobPageTests() => RenderMudProviders();

    [Fact]
    public void Render_Job_ShowsItsTitleAndWhoStartedIt()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        cut.WaitForElement("#job-title").TextContent.ShouldBe("Cancel 10 orders of Contoso Ltd");
        cut.Markup.ShouldContain("Started by Olivia Operator on 2026-11-25 08:30:00 UTC");
    }

    [Fact]
    public void Render_Running_ShowsTheRunningStateChip()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        var state = cut.WaitForElement("[data-state]");
        state.GetAttribute("data-state").ShouldBe("Running");
        state.TextContent.Trim().ShouldBe("Running");
    }

    [Fact]
    public void Render_Running_ShowsThePercentAndHowManyAreDone()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=job-percent]").VisibleText().ShouldBe("40 % · 4 of 10");
    }

    [Fact]
    public void Render_Running_CountsEachOutcomeSoFarAndThoseNotFinished()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        OutcomeChips(cut).ShouldBe([("Cancelled", "Cancelled 3"), ("Refused", "Refused 1"), ("None", "Not finished 6")]);
    }

    [Fact]
    public void Render_Running_ShowsThePaceAndTheTimeLeft()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=job-pace]").VisibleText().ShouldBe("8 Partner Center calls · 30 per minute · about 2 min 0 s left");
    }

    [Fact]
    public void Render_RunningForAnOperator_OffersStopAndNoRetry()
    {
        GivenJob(JobSamples.Details(JobSamples.Running() with { Retryable = 1 }));

        var cut = RenderPage();

        cut.WaitForElement("#stop-job").HasAttribute("disabled").ShouldBeFalse();
        cut.FindAll("#retry-failed").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Paused_SaysUntilWhenAndWhy()
    {
        GivenJob(JobSamples.Details(JobSamples.Running() with
        {
            PausedUntil = new DateTimeOffset(2026, 11, 25, 9, 1, 57, TimeSpan.Zero),
            PauseReason = "Partner Center asked to slow down (429).",
        }));

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=job-paused]").VisibleText().ShouldBe("Paused until 09:01:57 UTC: Partner Center asked to slow down (429).");
    }

    [Fact]
    public void Render_Stopping_SaysNothingNewIsSentAndOffersNoStop()
    {
        GivenJob(JobSamples.Details(JobSamples.Running() with { State = JobState.Stopping }));

        var cut = RenderPage();

        cut.WaitForElement("#job-stopping").VisibleText().ShouldBe("Stopping: nothing new is sent; what was already sent is being read back.");
        cut.Find("[data-state]").GetAttribute("data-state").ShouldBe("Stopping");
        cut.FindAll("#stop-job").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Running_SaysNothingAboutStopping()
    {
        GivenJob(JobSamples.Details(JobSamples.Running()));

        var cut = RenderPage();

        cut.WaitForElement("#job-title");
        cut.FindAll("#job-stopping").ShouldBeEmpty();
    }

    [Fact]
    public void Render_FinishedWithMixedOutcomes_ShowsAChipForEachOutcome()
    {
        GivenJob(JobSamples.Details(JobSamples.FinishedWithMixedOutcomes()));

        var cut = RenderPage();

        cut.WaitForElement("[data-state]").GetAttribute("data-state").ShouldBe("Completed");
        OutcomeChips(cut).ShouldBe(
        [
            ("Cancelled", "Cancelled 2"), ("AlreadyCancelled", "Already cancelled 1"), ("Refused", "Refused 1"),
            ("Skipped", "Skipped 1"), ("Unknown", "Outcome unknown 2"),
        ]);
    }

    [Fact]
    public void Render_FinishedWithMixedOutcomes_ShowsEachItemsOutcome()
    {
        GivenJob(MixedItems());

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=item-outcome]").Select(c => (c.GetAttribute("data-outcome"), c.TextContent.Trim())).ShouldBe(
        [
            ("Cancelled", "cancelled"), ("AlreadyCancelled", "already cancelled"), ("Refused", "refused"),
            ("Skipped", "skipped"), ("Unknown", "outcome unknown"),
        ]));
    }

    [Fact]
    public void Render_RefusedItem_ShowsPartnerCentersCodeDescriptionAndBothIds()
    {
        GivenJob(MixedItems());

        var cut = RenderPage();

        var refused = cut.WaitForElement("#job-items [data-outcome=Refused]").Closest("tr")!;
        refused.Cell("Order").ShouldBe("000000000003");
        refused.Cell("Customer").ShouldBe("Contoso Ltd");
        refused.Cell("Code").ShouldBe("800048");
        refused.Cell("Description").ShouldBe("The cancellation window has passed.");
        refused.Cell("MS-CorrelationId").ShouldBe("5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a");
        refused.Cell("MS-RequestId").ShouldBe("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        refused.Cell("Time").ShouldBe("2026-11-25 08:30:30");
    }

    [Fact]
    public void Render_Item_LinksTheOrderToItsPage()
    {
        GivenJob(MixedItems());

        var cut = RenderPage();

        cut.WaitForElement("#job-items td[data-label=Order] a").GetAttribute("href").ShouldBe($"customers/{Sandbox.Contoso.Id}/orders/order-001");
    }

    [Fact]
    public void Render_FinishedWithRetryableItems_OffersRetryAndNoStop()
    {
        GivenJob(JobSamples.Details(JobSamples.FinishedWithMixedOutcomes()));

        var cut = RenderPage();

        cut.WaitForElement("#retry-failed").VisibleText().ShouldBe("Retry the 3 failed orders");
        cut.FindAll("#stop-job").ShouldBeEmpty();
    }

    [Fact]
    public void Render_FinishedWithNothingToRetry_OffersNoRetry()
    {
        GivenJob(JobSamples.Details(JobSamples.Job(JobState.Completed, (JobItemOutcome.Cancelled, 10))));

        var cut = RenderPage();

        cut.WaitForElement("#job-title");
        cut.FindAll("#retry-failed").ShouldBeEmpty();
        cut.FindAll("#stop-job").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Finished_OffersTheOutcomesAsCsv()
    {
        GivenJob(JobSamples.Details(JobSamples.FinishedWithMixedOutcomes()));

        var cut = RenderPage();

        var csv = cut.WaitForElement("#download-csv");
        csv.GetAttribute("href").ShouldBe($"jobs/{Id}/outcomes.csv");
        csv.HasAttribute("download").ShouldBeTrue();
    }

    [Fact]
    public void Render_FailedToStart_ShowsWhyAsAnError()
    {
        GivenJob(JobSamples.Details(JobSamples.Job(JobState.Failed, (JobItemOutcome.None, 10)) with
        {
            Message = "The job did not start: Cancelling is turned off: PartnerCenter:Environment is not set.",
        }));

        var cut = RenderPage();

        var message = cut.WaitForElement("#job-message");
        message.VisibleText().ShouldBe("The job did not start: Cancelling is turned off: PartnerCenter:Environment is not set.");
        message.ClassList.ShouldContain("mud-alert-text-error");
        cut.Find("[data-state]").TextContent.Trim().ShouldBe("Failed");
        cut.FindAll("#stop-job").ShouldBeEmpty();
    }

    [Fact]
    public void Render_UnknownJob_SaysThereIsNoSuchJob()
    {
        var cut = RenderPage();

        cut.WaitForElement("#job-not-found").VisibleText().ShouldBe($"There is no job {Id}. See all jobs");
        cut.FindAll("#job-title").ShouldBeEmpty();
    }

    [Fact]
    public void Render_IdThatIsNoGuid_SaysThereIsNoSuchJobWithoutReadingTheStore()
    {
        var cut = Render<JobPage>(parameters => parameters.Add(p => p.JobId, "not-a-job"));

        cut.WaitForElement("#job-not-found");
        _ = JobService.DidNotReceiveWithAnyArgs().GetJobAsync(default, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_WhileTheJobIsRead_ShowsABusySkeleton()
    {
        JobService.GetJobAsync(Id, Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<JobDetails?>().Task);

        var cut = RenderPage();

        cut.Find("[aria-busy=true]").GetAttribute("aria-label").ShouldBe("Loading the job");
    }

    [Fact]
    public void Render_FinishedWithItems_NamesEveryControl()
    {
        GivenJob(MixedItems());

        var cut = RenderPage();

        cut.WaitForElement("#job-items");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    private static JobDetails MixedItems() => JobSamples.Details(
        JobSamples.FinishedWithMixedOutcomes(),
        JobSamples.Item(1, JobItemOutcome.Cancelled, requestId: "1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b"),
        JobSamples.Item(2, JobItemOutcome.AlreadyCancelled),
        JobSamples.Item(3, JobItemOutcome.Refused, "800048", "The cancellation window has passed.",
            "5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
        JobSamples.Item(4, JobItemOutcome.Skipped, description: "New-commerce orders are cancelled through their subscriptions."),
        JobSamples.Item(5, JobItemOutcome.Unknown, description: "Partner Center did not answer; it now reports the order as pending."));

    private static List<(string?, string)> OutcomeChips(IRenderedComponent<JobPage> cut) =>
        [.. cut.WaitForElement("[data-testid=job-progress]").QuerySelectorAll("[data-outcome]").Select(c => (c.GetAttribute("data-outcome"), c.VisibleText()))];

    private void GivenJob(JobDetails details) => JobService.GetJobAsync(details.Job.Id, Arg.Any<CancellationToken>()).Returns(details);

    private IRenderedComponent<JobPage> RenderPage() => Render<JobPage>(parameters => parameters.Add(p => p.JobId, Id.ToString()));
}
