using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Cancels against an emulator that lets many requests time out, some after applying the change: a cancel is applied
/// at most once, and its outcome is either the cancelled order or "outcome unknown" with what to check.
/// </summary>
public sealed class OrderServiceCancelFaultTests(CancelsUnderTimeouts run) : IClassFixture<CancelsUnderTimeouts>
{
    [Fact]
    public void CancelOrderAsync_UnderTimeouts_IsCancelledAndAppliedOnceOrOutcomeUnknownSayingWhatToCheck()
    {
        var requestIds = run.RequestIdsPerOrder();

        var neither = run.Results
            .Where(r => !IsCancelledAndAppliedOnce(r) && !IsOutcomeUnknownSayingWhatToCheck(r, requestIds))
            .Select(r => $"{r.Order.Id} ({r.Changes.Count} changes): {r.Outcome.Problem?.ToString() ?? r.Outcome.Value!.StatusText}")
            .ToList();
        Report();

        run.Results.Count.ShouldBeGreaterThan(10);
        neither.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_NeverAppliesACancelTwice()
    {
        var twice = run.Results.Where(r => r.Changes.Count > 1).Select(r => $"{r.Order.Id}: {r.Changes.Count} changes");

        twice.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_OrderStatusAgreesWithItsChangesOnceFaultsAreOff()
    {
        var disagreeing = run.Results
            .Where(r => (r.StatusAfterwards == OrderStatus.Cancelled) != (r.Changes.Count == 1))
            .Select(r => $"{r.Order.Id}: {r.StatusAfterwards} with {r.Changes.Count} changes");

        disagreeing.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_SendsEveryAttemptOfACancelWithOneRequestId()
    {
        var requestIdsPerOrder = run.RequestIdsPerOrder();
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();

        requestIdsPerOrder.Count.ShouldBe(run.Results.Count);
        requestIdsPerOrder.Where(o => o.Value.Count != 1).Select(o => $"{o.Key}: {string.Join(", ", o.Value)}").ShouldBeEmpty();
        cancels.Select(c => c.RequestId).Distinct().Count().ShouldBe(run.Results.Count);
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_AppliesEachChangeUnderTheRequestIdOfItsCancel()
    {
        var requestIdsPerOrder = run.RequestIdsPerOrder();

        run.Results.SelectMany(r => r.Changes)
            .Where(c => !requestIdsPerOrder[c.OrderId].Contains(c.RequestId!))
            .Select(c => $"{c.OrderId}: change under {c.RequestId}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_ResendsSomeCancels()
    {
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();

        cancels.Count.ShouldBeGreaterThan(run.Results.Count);
        cancels.GroupBy(c => c.RequestId).ShouldContain(attempts => attempts.Count() > 1);
    }

    [Fact]
    public void CancelOrderAsync_UnderTimeouts_ConfirmsSomeCancelsOnlyAfterResending()
    {
        var confirmedLate = run.Desk.Logs.From(PartnerCenterCalls.OrderService)
            .Where(e => e.Level == LogLevel.Information)
            .Where(e => (e.Properties.TryGetValue("Attempt", out var attempt) && attempt != "1") || e.Properties.ContainsKey("Attempts"))
            .ToList();

        confirmedLate.ShouldNotBeEmpty();
        confirmedLate.ShouldAllBe(e => run.Results.Single(r => r.Order.Id == e.Properties["OrderId"]).Outcome.Succeeded);
    }

    private static bool IsCancelledAndAppliedOnce(CancelResult result) =>
        result.Outcome is { Succeeded: true, Value: { Status: OrderStatus.Cancelled } order }
        && order.Id == result.Order.Id
        && result.Changes.Count == 1;

    private static bool IsOutcomeUnknownSayingWhatToCheck(CancelResult result, Dictionary<string, HashSet<string>> requestIds) =>
        result.Outcome.Problem is { Kind: ProblemKind.OutcomeUnknown } problem
        && problem.Message.Contains("check", StringComparison.Ordinal)
        && problem.Message.Contains("before trying again", StringComparison.Ordinal)
        && problem.RequestId is { } requestId && requestIds[result.Order.Id].Contains(requestId)
        && result.Changes.Count <= 1;

    /// <summary>What the run met, for whoever reads the test output.</summary>
    private void Report()
    {
        var output = TestContext.Current.TestOutputHelper;
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();
        output?.WriteLine(
            $"{run.Results.Count} cancels in {run.Elapsed.TotalSeconds:0.0} s: {run.Results.Count(r => r.Outcome.Succeeded)} cancelled, " +
            $"{run.Results.Count(r => !r.Outcome.Succeeded)} not ({run.Results.Count(r => !r.Outcome.Succeeded && r.Changes.Count == 1)} of them applied); " +
            $"{cancels.Count} PATCHes, {cancels.Count(c => c.StatusCode is null)} unanswered");
        foreach (var result in run.Results.Where(r => !r.Outcome.Succeeded))
        {
            output?.WriteLine($"{result.Order.Id} ({result.Changes.Count} changes): {result.Outcome.Problem!.Kind}: {result.Outcome.Problem.Message}");
        }
    }
}

/// <summary>
/// One run that cancels every cancellable order of the demo sandbox, concurrently, while the emulator lets 35% of
/// requests time out, half of them after applying the change; then, with faults off, what the emulator says happened.
/// </summary>
public sealed class CancelsUnderTimeouts : IAsyncLifetime
{
    internal RunningEmulator Emulator { get; private set; } = default!;

    /// <summary>The desk that cancelled: reads retried, 500 ms per attempt while the emulator holds a timeout for 3 s.</summary>
    internal OrderDesk Desk { get; private set; } = default!;

    internal IReadOnlyList<CancelResult> Results { get; private set; } = [];

    internal TimeSpan Elapsed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        Emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]);
        await using var plain = OrderDesk.For(Emulator.BaseAddress);
        var cancellable = await CancellableOrdersAsync(plain.Orders, cancellation);

        await Emulator.SetFaultsAsync(new { timeoutRate = 0.35, timeoutSeconds = 3, afterApplyingShare = 0.5, randomSeed = 11 }, cancellation);
        Desk = OrderDesk.For(Emulator.BaseAddress, ("PartnerCenter:MaxRetries", "3"), ("PartnerCenter:Timeout", "00:00:00.500"));
        var orders = Desk.Orders;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcomes = await Task.WhenAll(cancellable.Select(order => orders.CancelOrderAsync(order.CustomerId, order.Id, cancellation)));
        Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        await Emulator.SwitchFaultsOffAsync(cancellation);
        var results = new List<CancelResult>();
        foreach (var (order, outcome) in cancellable.Zip(outcomes))
        {
            var changes = await Emulator.ChangesAsync(order.Id, cancellation);
            var afterwards = (await plain.Orders.GetOrderAsync(order.CustomerId, order.Id, cancellation)).Value!;
            results.Add(new CancelResult(order, outcome, changes, afterwards.Status));
        }

        Results = results;
    }

    public async ValueTask DisposeAsync()
    {
        await Desk.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>The <c>MS-RequestId</c>s each order's cancel was sent with, as the order service logged them.</summary>
    internal Dictionary<string, HashSet<string>> RequestIdsPerOrder() =>
        Desk.Logs.From(PartnerCenterCalls.OrderService)
            .Where(e => e.Properties.ContainsKey("OrderId") && e.Properties.ContainsKey("RequestId"))
            .GroupBy(e => e.Properties["OrderId"]!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Properties["RequestId"]!).ToHashSet());

    private static async Task<List<Order>> CancellableOrdersAsync(IOrderService orders, CancellationToken cancellation)
    {
        var cancellable = new List<Order>();
        foreach (var customer in (await orders.ListCustomersAsync(cancellation)).Value!)
        {
            cancellable.AddRange((await orders.ListOrdersAsync(customer.Id, cancellation)).Value!.Where(o => o.Cancellability.CanCancel));
        }

        return cancellable;
    }
}

/// <summary>What cancelling one order under timeouts gave, and what the emulator says happened to it.</summary>
internal sealed record CancelResult(Order Order, Outcome<Order> Outcome, IReadOnlyList<AppliedChange> Changes, OrderStatus StatusAfterwards);
