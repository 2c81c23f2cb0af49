using Dashboard.Emulator.Tests;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// Refused job actions in the activity log: a start, stop or retry the dashboard refuses (the role, the production
/// guard, invalid input) writes one denied record, with why, and nothing is sent.
/// </summary>
public sealed class DeniedJobActivityTests
{
    private const string Why = "Only members of the Orders.Cancel role can cancel orders.";

    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_HostRefuses_WritesOneDeniedRecordAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefused(Why));
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value.ShouldNotBeNull();

        var started = await desk.Jobs.StartBulkCancelAsync(plan, Cancellation);

        started.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.JobId.ShouldBeNull();
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.CustomerName.ShouldBe("Contoso Sandbox Lab");
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe($"\"Cancel 1 order of Contoso Sandbox Lab\" refused, nothing sent: {Why}");
        record.Instance.ShouldBe(Instance);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
        desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_HostRefusesTheUser_WritesOneDeniedRecordAndTheJobGoesOn()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(1, Why));
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);

        (await desk.Jobs.StopAsync(jobId, Cancellation)).Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);

        var record = (await desk.ActivityOfJobAsync(jobId)).Where(r => r.Action == ActivityAction.JobStop).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe(Why);
        (await desk.Jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull().Job.State.ShouldBe(JobState.Queued);
        desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanRetryAsync_HostRefusesTheUser_WritesOneDeniedRecordAndReadsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefused(Why));
        await desk.StartAsync(runner: false);
        var jobId = Guid.NewGuid();

        (await desk.Jobs.PlanRetryAsync(jobId, Cancellation)).Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe($"Retry of the failed orders of job {jobId} refused: {Why}");
        desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task StartBulkCancelAsync_NothingToSend_WritesOneDeniedRecordAndStartsNoJob()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.ContosoSaaS], Cancellation)).Value.ShouldNotBeNull();

        var started = await desk.Jobs.StartBulkCancelAsync(plan, Cancellation);

        var problem = started.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.InvalidInput);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.JobId.ShouldBeNull();
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldNotBeNull().ShouldContain(problem.Message);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartBulkCancelAsync_CraftedPlanWithAMalformedOrderId_WritesOneDeniedRecordKeepingTheIdAndSendsNothing()
    {
        const string Malformed = "=cmd|' /C calc'!A0";
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value.ShouldNotBeNull();
        var crafted = plan with { ToSend = [.. plan.ToSend, plan.ToSend[0] with { OrderId = Malformed }] };

        var started = await desk.Jobs.StartBulkCancelAsync(crafted, Cancellation);

        var problem = started.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.InvalidInput);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.OrderId.ShouldBe(Malformed);
        record.Detail.ShouldNotBeNull().ShouldContain(problem.Message);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
        desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_UnknownJob_WritesOneDeniedRecord()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = Guid.NewGuid();

        var stop = await desk.Jobs.StopAsync(jobId, Cancellation);

        stop.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.JobStop);
        record.JobId.ShouldBe(jobId);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe($"There is no job {jobId}.");
    }

    [Fact]
    public async Task PlanRetryAsync_UnknownJob_WritesOneDeniedRecordAndReadsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = Guid.NewGuid();

        (await desk.Jobs.PlanRetryAsync(jobId, Cancellation)).Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe($"Retry of the failed orders of job {jobId} refused: There is no job {jobId}.");
        desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanRetryAsync_JobWithNothingToRetry_WritesOneDeniedRecordAndReadsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        await desk.FinishedAsync(jobId);
        var calls = desk.Logs.Calls().Count;

        var retry = await desk.Jobs.PlanRetryAsync(jobId, Cancellation);

        var problem = retry.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.InvalidInput);
        var record = (await desk.ActivityAsync())[^1];
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.JobStart);
        record.JobId.ShouldBe(jobId, "the attempt shows among the job's records");
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe($"Retry of the failed orders of job {jobId} refused: {problem.Message}");
        desk.Logs.Calls().Count.ShouldBe(calls);
    }

    [Fact]
    public async Task Runner_HostRefusesOnceTheJobIsQueued_RecordsEachItemSkippedAndTheFinishDenied()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new CancelsRefusedAfter(allowed: 1, Why));
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Failed);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var records = await desk.ActivityOfJobAsync(jobId);
        records.Where(r => r.Action == ActivityAction.JobCancelOrder).ShouldAllBe(r => r.Outcome == ActivityOutcome.Skipped && r.Detail == $"The job did not start: {Why}");
        var finish = records.Where(r => r.Action == ActivityAction.JobFinish).ShouldHaveSingleItem();
        finish.Outcome.ShouldBe(ActivityOutcome.Denied);
        finish.Detail.ShouldNotBeNull().ShouldContain(Why);
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
    }

    /// <summary>Queues a bulk cancel of Contoso's <paramref name="orderIds"/>.</summary>
    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
