using System.Data.Common;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// Stopping a job: nothing new is sent, what was never sent is skipped (and can be retried), and what may have been
/// sent is read back to learn whether Partner Center applied it. The stop is asked before the desk's runner starts,
/// so that what the runner finds is known.
/// </summary>
public sealed class StopJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopAsync_QueuedJob_IsStoppingUntilARunnerEndsIt()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);

        var stopping = await desk.Jobs.StopAsync(jobId, Cancellation);

        stopping.Value.ShouldNotBeNull().State.ShouldBe(JobState.Stopping);
        stopping.Value.IsActive.ShouldBeTrue();
        (await desk.Jobs.CountActiveAsync(Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task StopAsync_BeforeTheRunnerStarts_SkipsEveryUnsentItemAsRetryableAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);
        await desk.Jobs.StopAsync(jobId, Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Stopped);
        job.Job.Message.ShouldBe("Stopped by Olivia Operator.");
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Skipped && i.Stage == JobItemStage.Done);
        job.Items.Where(i => i.OrderId != SeedIds.ContosoSaaS).ShouldAllBe(i => i.Description == "The job was stopped before this was sent.");
        var records = await desk.ItemRecordsAsync(jobId);
        records.Where(r => r.Retryable).Select(r => r.OrderId).ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
        job.Job.Retryable.ShouldBe(2);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_ItemSendingThatPartnerCenterApplied_ReadsItBackAsCancelledWithoutSendingAgain()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);
        var requestId = Guid.NewGuid().ToString();
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.SendingAsync(jobId, SeedIds.SeedDocumentOrder, requestId);
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, requestId, Cancellation);
        await desk.Jobs.StopAsync(jobId, Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Stopped);
        var sent = job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder);
        sent.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        sent.Description.ShouldBe("Confirmed by reading the order back when the job ended.");
        job.Items.Single(i => i.OrderId == SeedIds.ContosoReservedInstance).Outcome.ShouldBe(JobItemOutcome.Skipped);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(requestId);
    }

    [Fact]
    public async Task StopAsync_ItemSendingThatPartnerCenterDoesNotShowCancelled_IsUnknownAndRetryable()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.SendingAsync(jobId, SeedIds.SeedDocumentOrder, Guid.NewGuid().ToString());
        await desk.Jobs.StopAsync(jobId, Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Stopped);
        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Unknown);
        item.Description.ShouldNotBeNull().ShouldContain("Partner Center reports it as completed");
        (await desk.ItemRecordsAsync(jobId)).ShouldHaveSingleItem().Retryable.ShouldBeTrue();
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_WhileTheRunnerIsStartingTheJob_IsNotLost()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var starting = new HoldWhenMarkedStarted();
        await using var desk = JobDesk.For(emulator.BaseAddress, null, starting);
        await desk.StartAsync();
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);

        // The runner has claimed the job and read it as queued; the stop lands before it marks the job as running.
        await starting.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1), Cancellation);
        (await desk.Jobs.StopAsync(jobId, Cancellation)).Value.ShouldNotBeNull().State.ShouldBe(JobState.Stopping);
        starting.Release.SetResult();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Stopped);
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Skipped);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
    }

    [Fact]
    public async Task StopAsync_FinishedJob_ChangesNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.FinishedAsync(jobId);

        var stop = await desk.Jobs.StopAsync(jobId, Cancellation);

        stop.Value.ShouldNotBeNull().State.ShouldBe(JobState.Completed);
        (await desk.Jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull().Job.State.ShouldBe(JobState.Completed);
    }

    [Fact]
    public async Task StopAsync_UnknownJob_IsNotFound()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);

        var stop = await desk.Jobs.StopAsync(Guid.NewGuid(), Cancellation);

        stop.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }

    /// <summary>Holds the first statement that marks a job as started until the test releases it.</summary>
    private sealed class HoldWhenMarkedStarted : DbCommandInterceptor
    {
        private int _held;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"StartedAt\" =", StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Reached.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return result;
        }
    }

    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
