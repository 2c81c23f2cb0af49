using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// What the jobs page reads: the recent jobs, how many are active, and one job with every item and the count of items
/// per outcome, all from the store.
/// </summary>
public sealed class JobQueriesJobTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private JobDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = JobDesk.For(_emulator.BaseAddress);
        await _desk.StartAsync(runner: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task GetJobAsync_QueuedJob_CountsThePlannedSkipsAsFinishedAndTheRestAsNotYet()
    {
        var jobId = await QueueAsync(SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce);

        var job = (await _desk.Jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull();

        job.Job.State.ShouldBe(JobState.Queued);
        job.Job.Kind.ShouldBe(JobKind.BulkCancel);
        job.Job.Title.ShouldBe("Cancel 2 orders of Contoso Sandbox Lab");
        job.Job.CreatedBy.ShouldBe("Olivia Operator");
        job.Job.Total.ShouldBe(4);
        job.Job.CountOf(JobItemOutcome.None).ShouldBe(2);
        job.Job.CountOf(JobItemOutcome.Skipped).ShouldBe(2);
        job.Job.Finished.ShouldBe(2);
        job.Job.Percent.ShouldBe(50);
        job.Job.StartedAt.ShouldBeNull();
        job.Items.Select(i => i.Sequence).ShouldBe([1, 2, 3, 4]);
        job.Items.Take(2).ShouldAllBe(i => i.Stage == JobItemStage.Pending && JobWords.Outcome(i) == "waiting");
    }

    [Fact]
    public async Task GetJobAsync_FinishedJob_CountsEachOutcomeAndIsAtAHundredPercent()
    {
        var jobId = await QueueAsync(SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);
        await _emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Guid.NewGuid().ToString(), Cancellation);
        await _desk.StartAsync();
        await _desk.FinishedAsync(jobId);

        var job = (await _desk.Jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull().Job;

        job.State.ShouldBe(JobState.Completed);
        job.Counts.ShouldBe(
            new Dictionary<JobItemOutcome, int> { [JobItemOutcome.Cancelled] = 1, [JobItemOutcome.AlreadyCancelled] = 1, [JobItemOutcome.Skipped] = 1 },
            ignoreOrder: true);
        job.Percent.ShouldBe(100);
        job.IsActive.ShouldBeFalse();
        job.Calls.ShouldBe(3); // two cancels, and the read-back of the one Partner Center refused as already cancelled
        job.StartedAt.ShouldNotBeNull();
        job.FinishedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(job.StartedAt.Value);
        job.TimeLeft.ShouldBeNull();
        job.Retryable.ShouldBe(0);
    }

    [Fact]
    public async Task GetJobAsync_UnknownJob_IsNull()
    {
        (await _desk.Jobs.GetJobAsync(Guid.NewGuid(), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task ListJobsAsync_SeveralJobs_ListsTheNewestFirstUpToTheCount()
    {
        var first = await QueueAsync(SeedIds.SeedDocumentOrder);
        var second = await QueueAsync(SeedIds.ContosoReservedInstance);
        var third = await QueueAsync(SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);
        await _desk.ChangeJobAsync(first, j => j.CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-3));
        await _desk.ChangeJobAsync(second, j => j.CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-2));

        var all = await _desk.Jobs.ListJobsAsync(10, Cancellation);
        var newest = await _desk.Jobs.ListJobsAsync(2, Cancellation);

        all.Select(j => j.Id).ShouldBe([third, second, first]);
        all.Select(j => j.Total).ShouldBe([2, 1, 1]);
        all.ShouldAllBe(j => j.CountOf(JobItemOutcome.None) == j.Total && j.Percent == 0);
        newest.Select(j => j.Id).ShouldBe([third, second]);
    }

    [Fact]
    public async Task ListJobsAsync_NoJobs_IsEmpty()
    {
        (await _desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CountActiveAsync_QueuedStoppingAndFinishedJobs_CountsThoseNotFinished()
    {
        await QueueAsync(SeedIds.SeedDocumentOrder);
        var stopping = await QueueAsync(SeedIds.ContosoReservedInstance);
        await _desk.Jobs.StopAsync(stopping, Cancellation);
        var finished = await QueueAsync(SeedIds.SeedDocumentOrder);
        await _desk.ChangeJobAsync(finished, j => j.State = JobState.Completed);

        var active = await _desk.Jobs.CountActiveAsync(Cancellation);

        active.ShouldBe(2);
    }

    private async Task<Guid> QueueAsync(params string[] orderIds)
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await _desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
