using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// Several dashboard instances looking for work in one store at once, each with its job runner: every job goes to
/// exactly one of them, oldest first, and a job another instance holds is left to it.
/// </summary>
public sealed class ClaimJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimNextAsync_EightRunnersAtOnceForFiveJobs_EachJobGoesToExactlyOneRunner()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var jobs = await desk.QueuedJobsAsync(5);
        var runners = Enumerable.Range(0, 8).Select(_ => desk.NewRunner()).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var claiming = runners.Select(runner => Task.Run(async () =>
        {
            await go.Task;
            return (Runner: runner.Owner, Job: await runner.ClaimNextAsync(Cancellation));
        })).ToList();
        go.SetResult();
        var claims = await Task.WhenAll(claiming);

        var claimed = claims.Where(c => c.Job is not null).ToList();
        claimed.Select(c => c.Job!.Value).ShouldBe(jobs, ignoreOrder: true);
        var owners = (await desk.JobRecordsAsync()).ToDictionary(j => j.Id, j => j.LeaseOwner);
        claimed.ShouldAllBe(c => owners[c.Job!.Value] == c.Runner);
    }

    [Fact]
    public async Task ClaimNextAsync_SeveralFreeJobs_TakesTheOldestFirst()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var jobs = await desk.QueuedJobsAsync(3);
        var runner = desk.NewRunner();

        var first = await runner.ClaimNextAsync(Cancellation);
        var second = await desk.NewRunner().ClaimNextAsync(Cancellation);

        first.ShouldBe(jobs[0]);
        second.ShouldBe(jobs[1]);
    }

    [Fact]
    public async Task ClaimNextAsync_OldestJobHeldByAnotherInstanceWhoseLeaseLasts_TakesTheNextOne()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var jobs = await desk.QueuedJobsAsync(2);
        await desk.HeldByAsync(jobs[0], JobStore.OtherInstance, DateTimeOffset.UtcNow.AddMinutes(5));

        var claimed = await desk.NewRunner().ClaimNextAsync(Cancellation);

        claimed.ShouldBe(jobs[1]);
        (await desk.JobRecordsAsync()).Single(j => j.Id == jobs[0]).LeaseOwner.ShouldBe(JobStore.OtherInstance);
    }

    [Fact]
    public async Task ClaimNextAsync_NoUnfinishedJob_IsNull()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var job = (await desk.QueuedJobsAsync(1)).Single();
        await desk.ChangeJobAsync(job, j => j.State = JobState.Completed);

        (await desk.NewRunner().ClaimNextAsync(Cancellation)).ShouldBeNull();
    }
}
