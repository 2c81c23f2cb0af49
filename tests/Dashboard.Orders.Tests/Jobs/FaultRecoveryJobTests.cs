using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// A job's cancel whose answer is lost after Partner Center applied it: sent again with the same <c>MS-RequestId</c>,
/// it is applied once and ends cancelled. The emulator's fault script applies the chosen request, then drops or
/// replaces its answer.
/// </summary>
public sealed class FaultRecoveryJobTests
{
    private static readonly string DocumentOrderPath = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("dropAfterApplying")]
    [InlineData("error500AfterApplying")]
    [InlineData("error503AfterApplying")]
    public async Task StartBulkCancelAsync_AnswerLostAfterApplying_EndsCancelledWithOneChange(string fault)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("PATCH", DocumentOrderPath, fault) } }, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled);
        var item = job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(item.RequestId);
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldHaveSingleItem();
        var sends = desk.Logs.Calls().Where(c => c.IsCancel && c.RequestId == item.RequestId).ToList();
        sends.Count.ShouldBe(2);
        sends[^1].StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task StartBulkCancelAsync_EveryAnswerLostAfterTheFirstWasApplied_IsConfirmedByReadingTheOrderBack()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("PATCH", DocumentOrderPath, "dropAfterApplying", "drop", "drop") } }, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Cancelled);
        desk.Logs.Calls().Where(c => c.IsCancel).Select(c => c.StatusCode).ShouldBe([null, null, null]);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task StartBulkCancelAsync_NeverArrivedAndNoAnswer_IsUnknownAndRetryableWithNoChange()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("PATCH", DocumentOrderPath, "drop", "drop", "drop") } }, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Unknown);
        item.Description.ShouldNotBeNull().ShouldContain("still reports the order as completed");
        job.Job.Retryable.ShouldBe(1);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }
}
