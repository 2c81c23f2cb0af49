using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// The host's say on cancelling (the user's role, the production guard) governs jobs as it does a single cancel: it is
/// asked when a job is started, again when a runner starts it, and before each item, and a refusal sends nothing.
/// </summary>
public sealed class AuthorizationJobTests
{
    private const string Why = "Only members of the Orders.Cancel role can cancel orders.";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_HostRefusesCancels_IsNotAllowedAndNoJobIsCreated()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var cancels = new CancelsRefused(Why);
        await using var desk = JobDesk.For(emulator.BaseAddress, cancels);
        await desk.StartAsync();
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value.ShouldNotBeNull();

        var started = await desk.Jobs.StartBulkCancelAsync(plan, Cancellation);

        var problem = started.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.NotAllowed);
        problem.Message.ShouldBe(Why);
        cancels.Asked.ShouldBe(1);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
        desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_HostRefusesTheUser_IsNotAllowedAndTheJobGoesOnQueued()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(1, Why));
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;

        var stopped = await desk.Jobs.StopAsync(jobId, Cancellation);

        stopped.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        (await desk.Jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull().Job.State.ShouldBe(JobState.Queued);
    }

    [Fact]
    public async Task PlanRetryAsync_HostRefusesTheUser_IsNotAllowedAndReadsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefused(Why));
        await desk.StartAsync(runner: false);

        var retry = await desk.Jobs.PlanRetryAsync(Guid.NewGuid(), Cancellation);

        retry.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task StartCleanUpAsync_HostRefusesCancels_IsNotAllowedAndNoJobIsCreated()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefused(Why));
        await desk.StartAsync();
        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();

        var started = await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation);

        started.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        (await desk.Jobs.CountActiveAsync(Cancellation)).ShouldBe(0);
        desk.Logs.Calls().ShouldNotContain(c => c.Method == "DELETE");
    }

    [Fact]
    public async Task Runner_HostRefusesOnceTheJobIsQueued_SendsNothingAndFailsTheJobSayingWhy()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(allowed: 1, Why));
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Failed);
        job.Job.Message.ShouldBe($"The job did not start: {Why}");
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Skipped && i.Description == job.Job.Message);
        job.Job.Retryable.ShouldBe(2);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Runner_HostRefusesOnceACustomerCleanUpIsQueued_DeletesNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(allowed: 1, Why));
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Failed);
        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Skipped);
        desk.Logs.Calls().ShouldNotContain(c => c.Method == "DELETE");
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Runner_HostRefusesWhileTheJobRuns_SendsNothingMoreAndSkipsTheRestAsNotSent()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        // Asked when the job is started, when the runner starts it, and before the first item: refused from the second item on.
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(allowed: 3, Why), ("Jobs:Parallelism", "1"));
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Failed);
        job.Job.Message.ShouldBe($"The dashboard refused to go on: {Why}");
        var (first, second) = (job.Items[0], job.Items[1]);
        first.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        second.Outcome.ShouldBe(JobItemOutcome.Skipped);
        second.Description.ShouldBe(job.Job.Message);
        (await desk.ItemRecordsAsync(jobId)).Single(i => i.OrderId == second.OrderId).Retryable.ShouldBeTrue();
        desk.Logs.Calls().Where(c => c.IsCancel).ShouldHaveSingleItem();
        (await emulator.ChangesAsync(second.OrderId!, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Runner_HostRefusesTheCustomerDelete_SkipsItAsNotSent()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        // Asked when the job is started and when the runner starts it: refused when the delete is about to be sent.
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(allowed: 2, Why));
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Failed);
        var delete = job.Items.ShouldHaveSingleItem();
        delete.Outcome.ShouldBe(JobItemOutcome.Skipped);
        delete.Description.ShouldBe(job.Job.Message);
        desk.Logs.Calls().ShouldNotContain(c => c.Method == "DELETE");
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
