using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>A bulk cancel as a job, against the emulator over real HTTP, with the dashboard's store in a real SQLite file.</summary>
public sealed class BulkCancelJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_CancellableAndBlockedOrders_CancelsEachOnceAndAccountsForEveryOrder()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso,
            [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.Select(i => (i.OrderId, i.Outcome)).ShouldBe(
        [
            (SeedIds.SeedDocumentOrder, JobItemOutcome.Cancelled), (SeedIds.ContosoReservedInstance, JobItemOutcome.Cancelled),
            (SeedIds.ContosoSaaS, JobItemOutcome.Skipped), (SeedIds.ContosoNewCommerce, JobItemOutcome.Skipped),
        ], ignoreOrder: true);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem().RequestId
            .ShouldBe(job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder).RequestId);
        job.Job.Calls.ShouldBe(2);
        job.Items.Where(i => i.Outcome == JobItemOutcome.Cancelled).ShouldAllBe(i => i.CorrelationId != null && i.RequestId != null);
    }
}
