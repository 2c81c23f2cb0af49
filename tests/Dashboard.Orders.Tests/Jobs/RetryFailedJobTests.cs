using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// Retrying a finished job's failures: planned afresh as a preview or a clean-up plan of the items that were refused,
/// whose outcome is unknown, or that the run did not send (to be confirmed like any plan), which starts a new job
/// pointing back to the old one. What the plan skipped, and what was cancelled, is not retried.
/// </summary>
public sealed class RetryFailedJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanRetryAsync_RefusedAndUnknownItems_StartsANewJobOfThoseOnlyPointingBackToTheOld()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var failed = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce);
        await desk.EndedAsync(failed, SeedIds.SeedDocumentOrder, JobItemOutcome.Refused, retryable: true);
        await desk.EndedAsync(failed, SeedIds.ContosoReservedInstance, JobItemOutcome.Unknown, retryable: true);
        await desk.ChangeJobAsync(failed, job => job.State = JobState.Completed);

        var plan = (await desk.Jobs.PlanRetryAsync(failed, Cancellation)).Value.ShouldNotBeNull();
        plan.CleanUp.ShouldBeNull();
        var retry = await desk.Jobs.StartBulkCancelAsync(plan.BulkCancel.ShouldNotBeNull(), Cancellation);

        var job = (await desk.Jobs.GetJobAsync(retry.Value, Cancellation)).ShouldNotBeNull();
        job.Job.RetryOf.ShouldBe(failed);
        job.Job.Kind.ShouldBe(JobKind.BulkCancel);
        job.Job.State.ShouldBe(JobState.Queued);
        job.Job.Title.ShouldBe("Cancel 2 orders of Contoso Sandbox Lab");
        job.Items.Select(i => i.OrderId).ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
        job.Items.ShouldAllBe(i => i.Stage == JobItemStage.Pending);
    }

    [Fact]
    public async Task PlanRetryAsync_ItemsTheStoppedRunDidNotSend_AreSentByTheNewJob()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var stopped = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);
        await desk.Jobs.StopAsync(stopped, Cancellation);
        await desk.StartAsync();
        await desk.FinishedAsync(stopped);

        var plan = (await desk.Jobs.PlanRetryAsync(stopped, Cancellation)).Value.ShouldNotBeNull();
        var retry = await desk.Jobs.StartBulkCancelAsync(plan.BulkCancel.ShouldNotBeNull(), Cancellation);
        var job = await desk.FinishedAsync(retry.Value);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Job.RetryOf.ShouldBe(stopped);
        job.Items.Select(i => (i.OrderId, i.Outcome)).ShouldBe(
            [(SeedIds.SeedDocumentOrder, JobItemOutcome.Cancelled), (SeedIds.ContosoReservedInstance, JobItemOutcome.Cancelled)], ignoreOrder: true);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task PlanRetryAsync_FailedOrderCancelledSince_IsPlannedAfreshAsAlreadyCancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var failed = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);
        await desk.EndedAsync(failed, SeedIds.SeedDocumentOrder, JobItemOutcome.Unknown, retryable: true);
        await desk.EndedAsync(failed, SeedIds.ContosoReservedInstance, JobItemOutcome.Unknown, retryable: true);
        await desk.ChangeJobAsync(failed, job => job.State = JobState.Completed);
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Guid.NewGuid().ToString(), Cancellation);

        var plan = (await desk.Jobs.PlanRetryAsync(failed, Cancellation)).Value.ShouldNotBeNull();
        var retry = await desk.Jobs.StartBulkCancelAsync(plan.BulkCancel.ShouldNotBeNull(), Cancellation);

        var job = (await desk.Jobs.GetJobAsync(retry.Value, Cancellation)).ShouldNotBeNull();
        var cancelled = job.Items.Single(i => i.OrderId == SeedIds.SeedDocumentOrder);
        cancelled.Outcome.ShouldBe(JobItemOutcome.AlreadyCancelled);
        cancelled.Stage.ShouldBe(JobItemStage.Done);
        job.Items.Single(i => i.OrderId == SeedIds.ContosoReservedInstance).Stage.ShouldBe(JobItemStage.Pending);
    }

    [Fact]
    public async Task PlanRetryAsync_CleanUpJob_PlansTheCustomersAgainForTheUserToConfirmTheDeleteAgain()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value!;
        var stopped = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        await desk.Jobs.StopAsync(stopped, Cancellation);
        await desk.StartAsync();
        (await desk.FinishedAsync(stopped)).Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Skipped);

        var retryPlan = (await desk.Jobs.PlanRetryAsync(stopped, Cancellation)).Value.ShouldNotBeNull();
        retryPlan.BulkCancel.ShouldBeNull();
        var cleanUp = retryPlan.CleanUp.ShouldNotBeNull();
        cleanUp.Customers.ShouldHaveSingleItem().Customer.Id.ShouldBe(SeedIds.Adatum);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).Count.ShouldBe(1);
        var retry = await desk.Jobs.StartCleanUpAsync(cleanUp, deleteCustomers: true, Cancellation);
        var job = await desk.FinishedAsync(retry.Value);

        job.Job.Kind.ShouldBe(JobKind.CustomerCleanUp);
        job.Job.RetryOf.ShouldBe(stopped);
        job.Job.DeleteCustomers.ShouldBeTrue();
        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Cancelled);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PlanRetryAsync_JobStillActive_IsRefusedAndStartsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var queued = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.EndedAsync(queued, SeedIds.SeedDocumentOrder, JobItemOutcome.Refused, retryable: true);

        var retry = await desk.Jobs.PlanRetryAsync(queued, Cancellation);

        retry.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        retry.Problem.Message.ShouldContain("still running");
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldHaveSingleItem().Id.ShouldBe(queued);
    }

    [Fact]
    public async Task PlanRetryAsync_NothingFailed_IsRefusedAndStartsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();
        var done = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoSaaS);
        await desk.FinishedAsync(done);

        var retry = await desk.Jobs.PlanRetryAsync(done, Cancellation);

        retry.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        retry.Problem.Message.ShouldContain("no failed orders");
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task PlanRetryAsync_UnknownJob_IsNotFound()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);

        var retry = await desk.Jobs.PlanRetryAsync(Guid.NewGuid(), Cancellation);

        retry.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }

    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
