using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// Jobs in the activity log, in the dashboard's SQLite file: one record when a job is started, one when it is asked to
/// stop, one when it finishes, one per item as it ends (with the item's outcome, code and ids) and one per download of
/// its outcomes. Refusals are in DeniedJobActivityTests.
/// </summary>
public sealed class JobActivityTests
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_WritesOneStartRecordForTheUserAndOneRecordPerItemTheStartDecided()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var before = DateTimeOffset.UtcNow;

        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);

        var records = await desk.ActivityAsync();
        var start = records.Where(r => r.Action == ActivityAction.JobStart).ShouldHaveSingleItem();
        start.At.ShouldBeGreaterThanOrEqualTo(before.AddMilliseconds(-1));
        start.At.Offset.ShouldBe(TimeSpan.Zero);
        start.ShouldBeByTheOperator();
        start.JobId.ShouldBe(jobId);
        start.CustomerId.ShouldBe(SeedIds.Contoso);
        start.CustomerName.ShouldBe("Contoso Sandbox Lab");
        start.OrderId.ShouldBeNull();
        start.Lines.ShouldBeNull();
        start.Outcome.ShouldBe(ActivityOutcome.Applied);
        start.Code.ShouldBeNull();
        start.Detail.ShouldBe("\"Cancel 2 orders of Contoso Sandbox Lab\": 3 items, 2 to send.");
        start.CorrelationId.ShouldBeNull();
        start.RequestId.ShouldBeNull();
        start.Instance.ShouldBe(Instance);

        // The plan's own decision (the SaaS order is cancelled through its subscription) is an outcome already.
        var skipped = records.Where(r => r.Action == ActivityAction.JobCancelOrder).ShouldHaveSingleItem();
        skipped.OrderId.ShouldBe(SeedIds.ContosoSaaS);
        skipped.Outcome.ShouldBe(ActivityOutcome.Skipped);
        skipped.JobId.ShouldBe(jobId);
        skipped.ShouldBeByTheOperator();
        records.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Runner_JobCompletes_WritesOneRecordPerItemWithItsIdsAndOneFinishRecord()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var answers = new EmulatorAnswers();
        await using var desk = JobDesk.For(emulator.BaseAddress, null, null, host: answers.ListenOn);
        await desk.StartAsync();

        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS);
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var records = await desk.ActivityOfJobAsync(jobId);
        foreach (var orderId in new[] { SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance })
        {
            var record = records.Single(r => r.OrderId == orderId);
            var patch = answers.CancelsOf(orderId).ShouldHaveSingleItem();
            record.Action.ShouldBe(ActivityAction.JobCancelOrder);
            record.ShouldBeByTheOperator();
            record.CustomerId.ShouldBe(SeedIds.Contoso);
            record.CustomerName.ShouldBe("Contoso Sandbox Lab");
            record.Lines.ShouldBeNull();
            record.Outcome.ShouldBe(ActivityOutcome.Applied);
            record.Code.ShouldBeNull();
            record.CorrelationId.ShouldNotBeNull().ShouldBe(patch.CorrelationId);
            record.RequestId.ShouldNotBeNull().ShouldBe(patch.RequestId);
            (await emulator.ChangesAsync(orderId, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(record.RequestId);
            record.Instance.ShouldBe(Instance);
        }

        var finish = records.Where(r => r.Action == ActivityAction.JobFinish).ShouldHaveSingleItem();
        finish.ShouldBeByTheOperator();
        finish.Outcome.ShouldBe(ActivityOutcome.Applied);
        finish.CustomerId.ShouldBeNull();
        finish.OrderId.ShouldBeNull();
        finish.Detail.ShouldNotBeNull().ShouldStartWith("Completed.");
        finish.Detail.ShouldContain("2 Cancelled, 1 Skipped");
        finish.At.ShouldBe(job.Job.FinishedAt.ShouldNotBeNull(), TimeSpan.FromMilliseconds(1));
        records.Count.ShouldBe(1 + 3 + 1);
        (await desk.ActivityAsync()).Count.ShouldBe(records.Count);
    }

    [Fact]
    public async Task Runner_OrderCancelledElsewhereAfterThePlan_RecordsTheItemAsAlreadyDone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);
        await emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Guid.NewGuid().ToString(), Cancellation);

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        job.Items.Single(i => i.OrderId == SeedIds.ContosoReservedInstance).Outcome.ShouldBe(JobItemOutcome.AlreadyCancelled);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var record = (await desk.ActivityOfJobAsync(jobId)).Single(r => r.OrderId == SeedIds.ContosoReservedInstance);
        record.Outcome.ShouldBe(ActivityOutcome.AlreadyDone);
        record.Code.ShouldNotBeNull();
        record.Detail.ShouldBe("The order was already cancelled.");
    }

    [Fact]
    public async Task Runner_PartnerCenterRefusesWhatThePlanAllowed_RecordsTheItemAsRefusedWithItsCode()
    {
        // The emulator's clock moves past the 60-day window between the plan and the run.
        var emulatorTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")], emulatorTime);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder);
        emulatorTime.Advance(TimeSpan.FromDays(61));

        await desk.StartAsync();
        var job = await desk.FinishedAsync(jobId);

        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Refused);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var record = (await desk.ActivityOfJobAsync(jobId)).Single(r => r.Action == ActivityAction.JobCancelOrder);
        record.Outcome.ShouldBe(ActivityOutcome.Refused);
        record.Code.ShouldNotBeNull().ShouldBe(item.ErrorCode);
        record.Detail.ShouldBe(item.Description);
        record.RequestId.ShouldBe(item.RequestId);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAsync_QueuedJob_WritesOneStopRecordAndTheFinishSaysStopped()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);

        (await desk.Jobs.StopAsync(jobId, Cancellation)).Succeeded.ShouldBeTrue();

        var stop = (await desk.ActivityOfJobAsync(jobId)).Where(r => r.Action == ActivityAction.JobStop).ShouldHaveSingleItem();
        stop.ShouldBeByTheOperator();
        stop.Outcome.ShouldBe(ActivityOutcome.Applied);
        stop.Detail.ShouldBe("Stop asked: nothing new is sent; what may have been sent is read back.");
        stop.Instance.ShouldBe(Instance);

        await desk.StartAsync();
        await desk.FinishedAsync(jobId);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var records = await desk.ActivityOfJobAsync(jobId);
        records.Where(r => r.Action == ActivityAction.JobCancelOrder).ShouldAllBe(r => r.Outcome == ActivityOutcome.Skipped);
        var finish = records.Where(r => r.Action == ActivityAction.JobFinish).ShouldHaveSingleItem();
        finish.Outcome.ShouldBe(ActivityOutcome.NotDone);
        finish.Detail.ShouldNotBeNull().ShouldStartWith("Stopped: Stopped by Olivia Operator.");
        records.Select(r => r.Action).ShouldBe(
            [ActivityAction.JobStart, ActivityAction.JobStop, ActivityAction.JobCancelOrder, ActivityAction.JobCancelOrder, ActivityAction.JobFinish]);
    }

    [Fact]
    public async Task StartCleanUpAsync_WithDelete_WritesOneDeleteCustomerRecordWithTheIdsOfTheDelete()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var answers = new EmulatorAnswers();
        await using var desk = JobDesk.For(emulator.BaseAddress, null, null, host: answers.ListenOn);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
        await desk.ItemRecordsShouldEqualItemsAsync(jobId);
        var delete = answers.All.Where(a => a.Method == "DELETE").ShouldHaveSingleItem();
        var record = (await desk.ActivityOfJobAsync(jobId)).Where(r => r.Action == ActivityAction.DeleteCustomer).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.CustomerId.ShouldBe(SeedIds.Adatum);
        record.CustomerName.ShouldBe("Adatum Empty Tenant");
        record.OrderId.ShouldBeNull();
        record.Outcome.ShouldBe(ActivityOutcome.Applied);
        record.Detail.ShouldBe("The customer was deleted from the integration sandbox.");
        record.CorrelationId.ShouldNotBeNull().ShouldBe(delete.CorrelationId);
        record.RequestId.ShouldNotBeNull().ShouldBe(delete.RequestId);
        record.Instance.ShouldBe(Instance);
        var start = (await desk.ActivityOfJobAsync(jobId)).Where(r => r.Action == ActivityAction.JobStart).ShouldHaveSingleItem();
        start.CustomerId.ShouldBe(SeedIds.Adatum);
        start.CustomerName.ShouldBe("Adatum Empty Tenant");
    }

    [Fact]
    public async Task WriteCsvAsync_WritesOneExportRecordNamingTheJobAndItsItems()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync(runner: false);
        var jobId = await QueueAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoSaaS);
        var before = await desk.ActivityAsync();
        using var output = new MemoryStream();

        (await desk.Jobs.WriteCsvAsync(jobId, output, Cancellation)).ShouldBeTrue();

        var export = (await desk.ActivityAsync()).Where(r => r.Action == ActivityAction.Export).ShouldHaveSingleItem();
        (await desk.ActivityAsync()).Count.ShouldBe(before.Count + 1);
        export.ShouldBeByTheOperator();
        export.JobId.ShouldBe(jobId);
        export.Outcome.ShouldBe(ActivityOutcome.Applied);
        export.Detail.ShouldBe("Job outcomes CSV: 2 items of \"Cancel 1 order of Contoso Sandbox Lab\".");
        export.Instance.ShouldBe(Instance);
        output.Length.ShouldBeGreaterThan(0);
    }

    /// <summary>Queues a bulk cancel of Contoso's <paramref name="orderIds"/>.</summary>
    private static async Task<Guid> QueueAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value.ShouldNotBeNull();
        return (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
    }
}
