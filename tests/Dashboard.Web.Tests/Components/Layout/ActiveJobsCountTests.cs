using Dashboard.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>One count of running jobs per instance, read every three seconds while anyone shows it, whatever the number of tabs.</summary>
public sealed class ActiveJobsCountTests : DashboardTestContext
{
    private ActiveJobsCount Count => Services.GetRequiredService<ActiveJobsCount>();

    [Fact]
    public async Task Watch_ThreeWatchers_ReadTheStoreOncePerTick()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(2);

        using var first = await WatchAsync(() => Task.CompletedTask);
        using var second = await WatchAsync(() => Task.CompletedTask);
        using var third = await WatchAsync(() => Task.CompletedTask);
        Count.Current.ShouldBe(2);
        _ = JobService.Received(1).CountActiveAsync(Arg.Any<CancellationToken>());

        Time.Advance(ActiveJobsCount.RefreshEvery);

        _ = JobService.Received(2).CountActiveAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Tick_CountChanged_TellsEveryWatcher()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(1, 1, 3);
        var told = new List<string>();
        using var first = await WatchAsync(() => Record(told, "first"));
        using var second = await WatchAsync(() => Record(told, "second"));

        Time.Advance(ActiveJobsCount.RefreshEvery);
        told.ShouldBeEmpty();
        Time.Advance(ActiveJobsCount.RefreshEvery);

        told.ShouldBe(["first", "second"]);
        Count.Current.ShouldBe(3);
    }

    [Fact]
    public async Task Tick_OneWatcherThrows_TheOthersAreStillTold()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(1, 2, 3);
        var told = new List<string>();
        using var gone = await WatchAsync(() => throw new ObjectDisposedException("renderer"));
        using var here = await WatchAsync(() => Record(told, "here"));

        Time.Advance(ActiveJobsCount.RefreshEvery);
        Time.Advance(ActiveJobsCount.RefreshEvery);

        told.ShouldBe(["here", "here"]);
    }

    [Fact]
    public async Task Leave_LastWatcher_StopsReadingAndTheNextWatcherReadsAfresh()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(1, 5);
        var watching = await WatchAsync(() => Task.CompletedTask);

        watching.Dispose();
        Time.Advance(ActiveJobsCount.RefreshEvery * 10);
        _ = JobService.Received(1).CountActiveAsync(Arg.Any<CancellationToken>());

        using var again = await WatchAsync(() => Task.CompletedTask);
        Count.Current.ShouldBe(5);
        _ = JobService.Received(2).CountActiveAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Leave_BeforeTheFirstCountCame_StopsReadingOnceItComes()
    {
        var slow = new TaskCompletionSource<int>();
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(slow.Task);
        var watching = Count.Watch(() => Task.CompletedTask);

        // The circuit goes before the store answers.
        watching.Dispose();
        slow.SetResult(4);
        await watching.Ready;
        Time.Advance(ActiveJobsCount.RefreshEvery * 10);

        _ = JobService.Received(1).CountActiveAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Tick_StoreDoesNotAnswer_KeepsTheLastCountAndTellsNobody()
    {
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(Task.FromResult(4), Task.FromException<int>(new TimeoutException("The database is locked.")));
        var told = 0;
        using var watching = await WatchAsync(() =>
        {
            told++;
            return Task.CompletedTask;
        });

        Time.Advance(ActiveJobsCount.RefreshEvery);

        Count.Current.ShouldBe(4);
        told.ShouldBe(0);
    }

    [Fact]
    public async Task Tick_StoreStillReading_DoesNotAskAgainUntilItAnswers()
    {
        var slow = new TaskCompletionSource<int>();
        JobService.CountActiveAsync(Arg.Any<CancellationToken>()).Returns(Task.FromResult(1), slow.Task, Task.FromResult(2));
        using var watching = await WatchAsync(() => Task.CompletedTask);

        Time.Advance(ActiveJobsCount.RefreshEvery);
        Time.Advance(ActiveJobsCount.RefreshEvery);
        Time.Advance(ActiveJobsCount.RefreshEvery);
        _ = JobService.Received(2).CountActiveAsync(Arg.Any<CancellationToken>());

        slow.SetResult(7);
        Count.Current.ShouldBe(7);
        Time.Advance(ActiveJobsCount.RefreshEvery);
        _ = JobService.Received(3).CountActiveAsync(Arg.Any<CancellationToken>());
    }

    private async Task<IDisposable> WatchAsync(Func<Task> changed)
    {
        var watching = Count.Watch(changed);
        await watching.Ready;
        return watching;
    }

    private static Task Record(List<string> told, string who)
    {
        told.Add(who);
        return Task.CompletedTask;
    }
}
