using System.Globalization;
using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// A 429 from Partner Center pauses the whole job for its <c>Retry-After</c> and fails nothing: the throttled request is
/// sent again, with the same <c>MS-RequestId</c>, once the wait is over. The emulator's fault script throttles chosen
/// requests with a short <c>Retry-After</c>.
/// </summary>
public sealed class ThrottledJobTests
{
    private const int RetryAfterSeconds = 1;
    private const string JobWorkCategory = "Dashboard.Orders.Jobs.JobWork";

    // Partner Center asks for a second's wait: a job that waited a default minute instead would not be done by then.
    private static readonly TimeSpan NotAMinutesPause = TimeSpan.FromSeconds(30);
    private static readonly string DocumentOrderPath = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";
    private static readonly string ReservedInstancePath = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.ContosoReservedInstance}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBulkCancelAsync_CancelThrottled_PausesTheJobAndSendsItAgainWithTheSameRequestIdAfterTheWait()
    {
        await using var emulator = await ThrottlingAsync(RunningEmulator.ScriptRule("PATCH", DocumentOrderPath, "throttle"));
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var job = await CancelAsync(desk, SeedIds.SeedDocumentOrder);

        job.Job.State.ShouldBe(JobState.Completed);
        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        var sends = desk.Logs.Calls().Where(c => c.IsCancel).ToList();
        sends.Select(c => c.StatusCode).ShouldBe([429, 200]);
        sends.ShouldAllBe(c => c.RequestId == item.RequestId);
        var paused = desk.Logs.From(JobWorkCategory).Where(e => e.Message.StartsWith($"Job {job.Job.Id} paused until", StringComparison.Ordinal)).ShouldHaveSingleItem();
        paused.Properties["PauseReason"].ShouldBe("Partner Center asked to slow down (429)");
        var change = (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        change.RequestId.ShouldBe(item.RequestId);
        // Sent again only once the pause was over (the logged time has whole seconds; the pause ends later, not earlier).
        change.AppliedAt.ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(paused.Properties["PausedUntil"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task StartBulkCancelAsync_RepeatedThrottling_FailsNoItem()
    {
        await using var emulator = await ThrottlingAsync(
            RunningEmulator.ScriptRule("PATCH", DocumentOrderPath, "throttle", "throttle"),
            RunningEmulator.ScriptRule("PATCH", ReservedInstancePath, "throttle"));
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var job = await CancelAsync(desk, SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled);
        job.Job.Retryable.ShouldBe(0);
        job.Job.PausedUntil.ShouldBeNull();
        desk.Logs.Calls().Count(c => c.IsCancel && c.StatusCode == 429).ShouldBe(3);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        (await emulator.ChangesAsync(SeedIds.ContosoReservedInstance, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task StartCleanUpAsync_EntitlementsCheckAndDeleteThrottled_PausesAndStillDeletesTheCustomer()
    {
        await using var emulator = await ThrottlingAsync(
            RunningEmulator.ScriptRule("GET", $"/v1/customers/{SeedIds.Adatum}/entitlements", "none", "throttle"),
            RunningEmulator.ScriptRule("DELETE", $"/v1/customers/{SeedIds.Adatum}", "throttle"));
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId, within: NotAMinutesPause);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.ShouldHaveSingleItem().Outcome.ShouldBe(JobItemOutcome.Cancelled);
        desk.Logs.Calls().Where(c => c.Method == "DELETE").Select(c => c.StatusCode).ShouldBe([429, 204]);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartBulkCancelAsync_ConfirmingReadThrottled_WaitsTheRetryAfterAndConfirmsTheCancel()
    {
        await using var emulator = await ThrottlingAsync([new("Emulator:CancelProcessingSeconds", "1")], RunningEmulator.ScriptRule("GET", DocumentOrderPath, "throttle"));
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder], Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId, within: NotAMinutesPause);

        var item = job.Items.ShouldHaveSingleItem();
        item.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        item.Description.ShouldBe("Confirmed: the order reads cancelled.");
        desk.Logs.Calls().Where(c => c.Method == "GET" && c.Route == PartnerCenterCalls.OrderRoute).Select(c => c.StatusCode).ShouldBe([429, 200]);
    }

    private static Task<RunningEmulator> ThrottlingAsync(params object[] rules) => ThrottlingAsync([], rules);

    private static async Task<RunningEmulator> ThrottlingAsync(KeyValuePair<string, string?>[] settings, params object[] rules)
    {
        var emulator = await RunningEmulator.StartAsync(settings);
        await emulator.SetFaultsAsync(new { retryAfterSeconds = RetryAfterSeconds, script = rules }, Cancellation);
        return emulator;
    }

    private static async Task<JobDetails> CancelAsync(JobDesk desk, params string[] orderIds)
    {
        var plan = (await desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orderIds, Cancellation)).Value!;
        var jobId = (await desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        return await desk.FinishedAsync(jobId);
    }
}
