using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// A job left behind by an instance that died: the store is set up as that instance left it before the desk's runner
/// starts. A job whose lease has run out is taken over and resumes from its items' stored state; an item that may
/// have been sent is sent again with its stored <c>MS-RequestId</c>, so that Partner Center applies it once. A job
/// whose lease is still held is left to its owner.
/// </summary>
public sealed class ResumeJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runner_ItemSendingWhoseCancelWasApplied_SendsItAgainWithTheSameRequestIdAndEndsCancelledWithOneChange()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        var requestId = Guid.NewGuid().ToString();
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.SendingAsync(jobId, SeedIds.SeedDocumentOrder, requestId);
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, requestId, Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        item.RequestId.ShouldBe(requestId);
        desk.Logs.Calls().Where(c => c.IsCancel).ShouldHaveSingleItem().RequestId.ShouldBe(requestId);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(requestId);
    }

    [Fact]
    public async Task Runner_ItemSendingWhoseCancelNeverArrived_SendsItWithTheStoredRequestIdAndEndsCancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        var requestId = Guid.NewGuid().ToString();
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.SendingAsync(jobId, SeedIds.SeedDocumentOrder, requestId);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Cancelled);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(requestId);
    }

    [Fact]
    public async Task Runner_ItemsAlreadyDone_AreNotSentAgain()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.EndedAsync(jobId, SeedIds.SeedDocumentOrder, JobItemOutcome.Cancelled, retryable: false, "Cancelled before the crash.");

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled);
        job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder).Description.ShouldBe("Cancelled before the crash.");
        desk.Logs.Calls().Where(c => c.IsCancel).ShouldHaveSingleItem();
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Runner_JobWhoseLeaseRanOut_IsTakenOverAndCompleted()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Cancelled);
        desk.Logs.From("Dashboard.Orders.Jobs.JobRunner").ShouldContain(e => e.Message == $"Job {jobId} taken over from {JobStore.OtherInstance}, whose lease ran out");
        (await desk.ItemRecordsAsync(jobId)).ShouldAllBe(i => i.Stage == JobItemStage.Done);
    }

    [Fact]
    public async Task Runner_JobWhoseLeaseIsStillHeldByAnotherInstance_IsLeftToItWhileNewerJobsRun()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var held = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.HeldByAsync(held, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddMinutes(10));
        await desk.ChangeJobAsync(held, job => job.CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5));
        var newer = await QueueAsync(desk, SeedIds.ContosoReservedInstance);

        // The runner takes the oldest job it may: the newer job finishing shows it looked at the held one and passed it by.
        await desk.StartAsync();
        await desk.FinishedAsync(newer);

        var left = (await desk.Jobs.GetJobAsync(held, Cancellation)).ShouldNotBeNull();
        left.Job.State.ShouldBe(JobState.Running);
        left.Items.ShouldHaveSingleItem().Stage.ShouldBe(JobItemStage.Pending);
        await using (var db = await desk.StoreAsync())
        {
            db.Jobs.Single(j => j.Id == held).LeaseOwner.ShouldBe(JobStore.OtherInstance);
        }

        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await desk.Jobs.CountActiveAsync(Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task Runner_ConfirmingItemOfADeadInstance_IsReadUntilItReadsCancelledWithoutSendingAgain()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        var requestId = Guid.NewGuid().ToString();
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, requestId, Cancellation);
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.ChangeItemAsync(jobId, SeedIds.SeedDocumentOrder, item =>
        {
            item.Stage = JobItemStage.Confirming;
            item.RequestId = requestId;
            item.NextCheckAt = DateTimeOffset.UtcNow;
            item.ConfirmBy = DateTimeOffset.UtcNow.AddMinutes(15);
        });

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        item.Description.ShouldBe("Confirmed: the order reads cancelled.");
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
    }

    /// <summary>Queues a bulk cancel of Contoso's <paramref name="orderIds"/>; the desk's runner has not started.</summary>
    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
