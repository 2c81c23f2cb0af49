using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// Jobs against an emulator whose whole-order cancels read pending for a while after they are accepted
/// (<c>Emulator:CancelProcessingSeconds</c>), as Partner Center's can: the job reads each order again until it reads
/// cancelled, and deletes a customer only after that.
/// </summary>
public sealed class AsynchronousCancelJobTests
{
    private const int ProcessingSeconds = 2;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_CancelsStillProcessing_ConfirmsEachByReadingItUntilItReadsCancelled()
    {
        await using var emulator = await SlowToCancelAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled && i.Stage == JobItemStage.Done);
        // Only an item that went through Confirming ends with this: one cancelled by the PATCH's answer has no description.
        job.Items.ShouldAllBe(i => i.Description == "Confirmed: the order reads cancelled.");
        desk.Logs.Calls().Count(c => c.Method == "GET" && c.Route == PartnerCenterCalls.OrderRoute).ShouldBeGreaterThanOrEqualTo(2);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task StartCleanUpAsync_CancelsStillProcessing_DeletesTheCustomerOnlyOnceTheyReadCancelled()
    {
        await using var emulator = await SlowToCancelAsync();
        await emulator.RemoveOrderAsync(SeedIds.WoodgroveOldSaaS, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        var cancel = job.Items.Single(i => i.Kind == JobItemKind.CancelOrder);
        cancel.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        cancel.Description.ShouldBe("Confirmed: the order reads cancelled.");
        var delete = job.Items.Single(i => i.Kind == JobItemKind.DeleteCustomer);
        delete.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        delete.FinishedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(cancel.FinishedAt!.Value);
        // Sent once, and not refused for an order still being cancelled.
        desk.Logs.Calls().Where(c => c.Method == "DELETE").ShouldHaveSingleItem().StatusCode.ShouldBe(204);
        (await emulator.CustomerStatusAsync(SeedIds.Woodgrove, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartBulkCancelAsync_CancelStillProcessingWhenConfirmTimeIsUp_IsUnknownAndRetryable()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", "3600")]);
        await using var desk = JobDesk.For(emulator.BaseAddress, null, ("Jobs:ConfirmMinutes", "0"));
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        var item = job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder);
        item.Outcome.ShouldBe(JobItemOutcome.Unknown);
        item.Description.ShouldNotBeNull().ShouldContain("Partner Center accepted the cancel, but the order still reads pending");
        job.Job.Retryable.ShouldBe(1);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
    }

    private static Task<RunningEmulator> SlowToCancelAsync() =>
        RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", ProcessingSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
