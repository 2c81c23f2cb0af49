using System.Data.Common;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// The records of a job equal its items, one per item, also when the run was cut short: by an instance that died
/// mid-job (the store is left as it left it, then the desk's runner resumes the job) or by runs that keep failing.
/// The process-kill test of the same promise is in the end-to-end process tests.
/// </summary>
public sealed class ResumedJobActivityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runner_JobOfADeadInstance_RecordsEachItemOnceAndTheFinishOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce);

        // The dead instance had ended one item (its outcome and record committed together, as a run writes them), had
        // sent another whose cancel Partner Center applied, and had not reached the last.
        await desk.HeldByAsync(jobId, JobStore.OtherInstance, DateTimeOffset.UtcNow.AddSeconds(-1));
        await desk.EndedWithRecordAsync(jobId, SeedIds.SeedDocumentOrder, JobItemOutcome.Cancelled, "Cancelled before the crash.");
        var requestId = Guid.NewGuid().ToString();
        await desk.SendingAsync(jobId, SeedIds.ContosoReservedInstance, requestId);
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, requestId, Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var records = await desk.ActivityOfJobAsync(jobId);
        records.Single(r => r.OrderId == SeedIds.SeedDocumentOrder).Detail.ShouldBe("Cancelled before the crash.");
        var resent = records.Single(r => r.OrderId == SeedIds.ContosoReservedInstance);
        resent.Outcome.ShouldBe(ActivityOutcome.Applied);
        resent.RequestId.ShouldBe(requestId);
        records.Count(r => r.Action == ActivityAction.JobStart).ShouldBe(1);
        records.Count(r => r.Action == ActivityAction.JobFinish).ShouldBe(1);
        records.Count.ShouldBe(1 + 4 + 1);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(requestId);
    }

    [Fact]
    public async Task Runner_ItemWhoseRecordWouldNotCommit_IsResumedAndRecordedOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var failing = new FailFirstItemRecord();
        await using var desk = JobDesk.For(emulator.BaseAddress, null, failing, ("Jobs:Parallelism", "1"));
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);

        // The first item's outcome and record go in one transaction; the record's insert fails, so neither stands, and
        // the next run sends that item again with its stored request id.
        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        failing.Failed.ShouldBe(1);
        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        (await desk.ActivityOfJobAsync(jobId)).Count.ShouldBe(1 + 2 + 1);
        foreach (var item in job.Items)
        {
            (await emulator.ChangesAsync(item.OrderId!, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(item.RequestId);
        }
    }

    [Fact]
    public async Task Runner_RunsKeepFailing_RecordsEachUnfinishedItemAndTheFailedFinishOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var broken = new BrokenItemQueries();
        await using var desk = JobDesk.For(emulator.BaseAddress, null, broken);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        broken.Broke.ShouldBe(JobRunner.MaxFailures);
        job.Job.State.ShouldBe(JobState.Failed);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var records = await desk.ActivityOfJobAsync(jobId);
        records.Where(r => r.OrderId != SeedIds.ContosoSaaS && r.Action == ActivityAction.JobCancelOrder)
            .ShouldAllBe(r => r.Outcome == ActivityOutcome.Skipped && r.Detail == "Not sent: the job stopped after an unexpected error.");
        var finish = records.Where(r => r.Action == ActivityAction.JobFinish).ShouldHaveSingleItem();
        finish.Outcome.ShouldBe(ActivityOutcome.NotDone);
        finish.Detail.ShouldNotBeNull().ShouldStartWith("Failed: The job stopped after 3 runs failed");
        records.Count.ShouldBe(1 + 3 + 1);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
    }

    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }

    /// <summary>Fails the insert of the first record of a job item's outcome, inside the transaction that ends the item.</summary>
    private sealed class FailFirstItemRecord : DbCommandInterceptor
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"Activity\"", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, nameof(ActivityAction.JobCancelOrder)))
                && Interlocked.CompareExchange(ref _failed, 1, 0) == 0)
            {
                throw new InvalidOperationException("The store failed while writing the record (a test's doing).");
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Breaks every read of the items still to send, as an unforeseen error in each run would.</summary>
    private sealed class BrokenItemQueries : DbCommandInterceptor
    {
        private int _broke;

        public int Broke => Volatile.Read(ref _broke);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"JobItems\"", StringComparison.Ordinal) && command.CommandText.Contains("'Sending'", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _broke);
                throw new InvalidOperationException("The run broke (a test's doing).");
            }

            return ValueTask.FromResult(result);
        }
    }
}
