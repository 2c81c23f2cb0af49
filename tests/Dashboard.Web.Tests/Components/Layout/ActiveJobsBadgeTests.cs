using Dashboard.Web.Components.Layout;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>The app bar's jobs button: how many jobs are running for anyone, for everyone who may read, every three seconds.</summary>
public sealed class ActiveJobsBadgeTests : DashboardTestContext
{
    [Fact]
    public void Render_ThreeActiveJobs_ShowsTheCountOnTheJobsButton()
    {
        GivenActiveJobs(3);

        var cut = Render<ActiveJobsBadge>();

        cut.Find("#active-jobs-badge [role=status]").TextContent.Trim().ShouldBe("3");
        var button = cut.Find("#active-jobs");
        button.GetAttribute("href").ShouldBe("jobs");
        button.GetAttribute("aria-label").ShouldBe("3 jobs running: see the jobs");
    }

    [Fact]
    public void Render_ReaderWithActiveJobs_ShowsTheCountToo()
    {
        SignInAsReader();
        GivenActiveJobs(2);

        var cut = Render<ActiveJobsBadge>();

        cut.Find("#active-jobs-badge [role=status]").TextContent.Trim().ShouldBe("2");
    }

    [Fact]
    public void Render_NoActiveJob_ShowsTheJobsButtonWithoutACount()
    {
        GivenActiveJobs(0);

        var cut = Render<ActiveJobsBadge>();

        cut.FindAll("#active-jobs-badge").ShouldBeEmpty();
        cut.Find("#active-jobs").GetAttribute("aria-label").ShouldBe("Jobs");
    }

    [Fact]
    public void Render_SignedInWithoutARole_ShowsNothing()
    {
        Authorization.SetAuthorized("Nora Nobody");
        Authorization.SetRoles();
        Authorization.SetPolicies();
        GivenActiveJobs(3);

        var cut = Render<ActiveJobsBadge>();

        cut.Markup.Trim().ShouldBeEmpty();
    }

    [Fact]
    public void Tick_ThreeSeconds_ShowsTheNewCount()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(1, 4);
        var cut = Render<ActiveJobsBadge>();
        cut.Find("#active-jobs-badge [role=status]").TextContent.Trim().ShouldBe("1");

        Time.Advance(ActiveJobsCount.RefreshEvery);

        cut.WaitForAssertion(() => cut.Find("#active-jobs-badge [role=status]").TextContent.Trim().ShouldBe("4"));
    }

    [Fact]
    public void Tick_LastJobFinished_TakesTheCountAway()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(1, 0);
        var cut = Render<ActiveJobsBadge>();
        cut.Find("#active-jobs-badge");

        Time.Advance(ActiveJobsCount.RefreshEvery);

        cut.WaitForAssertion(() => cut.FindAll("#active-jobs-badge").ShouldBeEmpty());
        cut.Find("#active-jobs").GetAttribute("aria-label").ShouldBe("Jobs");
    }

    [Fact]
    public void Render_StoreDoesNotAnswer_ShowsTheJobsButtonWithoutACount()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException<int>(new TimeoutException("The database is locked.")));

        var cut = Render<ActiveJobsBadge>();

        cut.FindAll("#active-jobs-badge").ShouldBeEmpty();
        cut.Find("#active-jobs").GetAttribute("aria-label").ShouldBe("Jobs");
    }

    [Fact]
    public async Task Dispose_BeforeTheFirstCountCame_StopsWatching()
    {
        var slow = new TaskCompletionSource<int>();
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(slow.Task, Task.FromResult(1));
        Render<ActiveJobsBadge>();

        // The tab closes while the store is still counting.
        await DisposeComponentsAsync();
        slow.SetResult(2);
        Time.Advance(ActiveJobsCount.RefreshEvery * 10);

        _ = JobService.Received(1).CountActiveAsync(Arg.Any<CancellationToken>());
    }

    private void GivenActiveJobs(int count) => JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(count);
}
