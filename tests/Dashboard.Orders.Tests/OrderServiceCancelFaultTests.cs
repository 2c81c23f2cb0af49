using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Cancels, all at once, against an emulator that loses many of their answers, some after applying the change: a cancel
/// is applied at most once, and its outcome is either the cancelled order or "outcome unknown" with what to check.
/// Every order's cancel meets a scripted sequence of faults, so that each case happens on every run, whatever order the
/// concurrent requests arrive in.
/// </summary>
public sealed class OrderServiceCancelFaultTests(CancelsUnderLostAnswers run) : IClassFixture<CancelsUnderLostAnswers>
{
    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_IsCancelledAndAppliedOnceOrOutcomeUnknownSayingWhatToCheck()
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
    public void CancelOrderAsync_UnderLostAnswers_EachOrderEndsAsItsScriptDetermines()
    {
        var requestIds = run.RequestIdsPerOrder();
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();

        var unexpected = run.Results
            .Select(r => (Result: r, Statuses: cancels.Where(c => requestIds[r.Order.Id].Contains(c.RequestId)).Select(c => c.StatusCode).ToList()))
            .Where(o => !(o.Result.Outcome.Succeeded == o.Result.Script.Cancelled
                && o.Result.Changes.Count == (o.Result.Script.Applied ? 1 : 0)
                && o.Statuses.SequenceEqual(o.Result.Script.Answers)))
            .Select(o => $"{o.Result.Order.Id} [{string.Join(", ", o.Result.Script.Faults)}]: " +
                $"{(o.Result.Outcome.Succeeded ? "cancelled" : o.Result.Outcome.Problem.Kind.ToString())}, {o.Result.Changes.Count} changes, " +
                $"answers [{string.Join(", ", o.Statuses.Select(s => s?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"))}]");

        unexpected.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_MeetsEveryCase()
    {
        run.Results.Select(r => r.Script).Distinct().Count().ShouldBe(CancelsUnderLostAnswers.Scripts.Count);
    }

    [Fact]
    public void CancelOrderAsync_NeverApplied_IsOutcomeUnknownSayingTheOrderIsStillOpenAndWhatToCheck()
    {
        var neverApplied = run.Results.Where(r => !r.Script.Applied).ToList();

        neverApplied.ShouldNotBeEmpty();
        neverApplied.ShouldAllBe(r => r.Outcome.Problem!.Kind == ProblemKind.OutcomeUnknown
            && r.Outcome.Problem.Message.Contains("sent 3 times with the same request id", StringComparison.Ordinal)
            && r.Outcome.Problem.Message.Contains("still reports the order as completed", StringComparison.Ordinal)
            && r.Outcome.Problem.Message.Contains("check the order again in a few minutes before trying again", StringComparison.Ordinal)
            && r.StatusAfterwards == r.Order.Status);
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_NeverAppliesACancelTwice()
    {
        var twice = run.Results.Where(r => r.Changes.Count > 1).Select(r => $"{r.Order.Id}: {r.Changes.Count} changes");

        twice.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_OrderStatusAgreesWithItsChangesOnceFaultsAreOff()
    {
        var disagreeing = run.Results
            .Where(r => (r.StatusAfterwards == OrderStatus.Cancelled) != (r.Changes.Count == 1))
            .Select(r => $"{r.Order.Id}: {r.StatusAfterwards} with {r.Changes.Count} changes");

        disagreeing.ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_SendsEveryAttemptOfACancelWithOneRequestId()
    {
        var requestIdsPerOrder = run.RequestIdsPerOrder();
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();

        requestIdsPerOrder.Count.ShouldBe(run.Results.Count);
        requestIdsPerOrder.Where(o => o.Value.Count != 1).Select(o => $"{o.Key}: {string.Join(", ", o.Value)}").ShouldBeEmpty();
        cancels.Select(c => c.RequestId).Distinct().Count().ShouldBe(run.Results.Count);
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_AppliesEachChangeUnderTheRequestIdOfItsCancel()
    {
        var requestIdsPerOrder = run.RequestIdsPerOrder();

        run.Results.SelectMany(r => r.Changes)
            .Where(c => !requestIdsPerOrder[c.OrderId].Contains(c.RequestId!))
            .Select(c => $"{c.OrderId}: change under {c.RequestId}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_ResendsSomeCancels()
    {
        var cancels = run.Desk.Logs.Calls().Where(c => c.IsCancel).ToList();

        cancels.Count.ShouldBeGreaterThan(run.Results.Count);
        cancels.GroupBy(c => c.RequestId).ShouldContain(attempts => attempts.Count() > 1);
    }

    [Fact]
    public void CancelOrderAsync_UnderLostAnswers_ConfirmsSomeCancelsOnlyAfterResending()
    {
        var confirmedLate = run.Desk.Logs.From(PartnerCenterCalls.OrderService)
            .Where(e => e.Level == LogLevel.Information)
            .Where(e => (e.Properties.TryGetValue("Attempt", out var attempt) && attempt != "1") || e.Properties.ContainsKey("Attempts"))
            .ToList();

        confirmedLate.ShouldNotBeEmpty();
        confirmedLate.ShouldAllBe(e => run.Results.Single(r => r.Order.Id == e.Properties["OrderId"]).Outcome.Succeeded);
        confirmedLate.Select(e => e.Properties["OrderId"]).Order().ShouldBe(
            run.Results.Where(r => r.Script.ConfirmedLate).Select(r => r.Order.Id).Order());
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
/// One run that cancels every cancellable order of the demo sandbox, concurrently, while the emulator answers each
/// order's PATCHes as that order's script says (each of <see cref="Scripts"/> once, the first one, no faults, for the
/// orders left); then, with faults off, what the emulator says happened. The faults are drops and 5xx, never timeouts:
/// no outcome depends on how fast the machine is.
/// </summary>
public sealed class CancelsUnderLostAnswers : IAsyncLifetime
{
    /// <summary>
    /// What each order's three sends meet, and what the order service makes of it (it sends a cancel at most three
    /// times with one <c>MS-RequestId</c>, then reads the order back; a re-send of an applied cancel gets its first answer).
    /// </summary>
    internal static readonly IReadOnlyList<CancelScript> Scripts =
    [
        // Answered at once: nothing to recover.
        new([], Cancelled: true, Applied: true, ConfirmedLate: false, Answers: [200]),
        // Applied on the first send, its answer lost; the re-send gets the first answer: confirmed late.
        new(["dropAfterApplying"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [null, 200]),
        // Lost before it was applied; applied by the re-send.
        new(["drop"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [null, 200]),
        // Applied, then a 503 instead of its answer; the re-send gets the first answer.
        new(["error503AfterApplying"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [503, 200]),
        // Not applied (503), lost, then applied by the third send.
        new(["error503", "drop"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [503, null, 200]),
        // Applied, and no send gets an answer: reading the order back finds it cancelled.
        new(["dropAfterApplying", "drop", "drop"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [null, null, null]),
        // Applied, and every send answered 5xx: reading the order back finds it cancelled.
        new(["error500AfterApplying", "error503", "error500"], Cancelled: true, Applied: true, ConfirmedLate: true, Answers: [500, 503, 500]),
        // Never applied, never answered: the outcome is unknown, and the message says what to check.
        new(["drop", "drop", "drop"], Cancelled: false, Applied: false, ConfirmedLate: false, Answers: [null, null, null]),
    ];

    internal RunningEmulator Emulator { get; private set; } = default!;

    /// <summary>The desk that cancelled: reads retried, the client's default attempt timeout.</summary>
    internal OrderDesk Desk { get; private set; } = default!;

    internal IReadOnlyList<CancelResult> Results { get; private set; } = [];

    internal TimeSpan Elapsed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        Emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]);
        await using var plain = OrderDesk.For(Emulator.BaseAddress);
        Desk = OrderDesk.For(Emulator.BaseAddress, ("PartnerCenter:MaxRetries", "3"));
        var orders = Desk.Orders;

        // The desk reads the orders first, as the dashboard does before a cancel. Its circuit breaker opens when half of
        // at least ten calls within a minute fail: these successful reads (a customer list, 20 order lists, the catalog
        // lookups) outnumber the 14 failures the scripts cause, so it stays closed in whatever order the answers come.
        var cancellable = (await CancellableOrdersAsync(orders, cancellation)).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        cancellable.Count.ShouldBeGreaterThanOrEqualTo(Scripts.Count);
        var scripted = cancellable.Select((order, i) => (Order: order, Script: Scripts[i < Scripts.Count ? i : 0])).ToList();
        await Emulator.SetFaultsAsync(new
        {
            script = scripted.Where(s => s.Script.Faults.Count > 0)
                .Select(s => RunningEmulator.ScriptRule("PATCH", $"/v1/customers/{s.Order.CustomerId}/orders/{s.Order.Id}", [.. s.Script.Faults]))
                .ToArray(),
        }, cancellation);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcomes = await Task.WhenAll(scripted.Select(s => orders.CancelOrderAsync(s.Order.CustomerId, s.Order.Id, cancellation)));
        Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        await Emulator.SwitchFaultsOffAsync(cancellation);
        var results = new List<CancelResult>();
        foreach (var ((order, script), outcome) in scripted.Zip(outcomes))
        {
            var changes = await Emulator.ChangesAsync(order.Id, cancellation);
            var afterwards = (await plain.Orders.GetOrderAsync(order.CustomerId, order.Id, cancellation)).Value!;
            results.Add(new CancelResult(order, script, outcome, changes, afterwards.Status));
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

/// <summary>The faults one order's PATCHes meet, in order, and what its cancel must come to.</summary>
/// <param name="Cancelled">The outcome is the cancelled order (otherwise "outcome unknown").</param>
/// <param name="Applied">The emulator applied the cancel (once).</param>
/// <param name="ConfirmedLate">The cancel is confirmed only after a re-send or by reading the order back.</param>
/// <param name="Answers">The status of each send's answer, null where none came.</param>
internal sealed record CancelScript(IReadOnlyList<string> Faults, bool Cancelled, bool Applied, bool ConfirmedLate, IReadOnlyList<int?> Answers);

/// <summary>What cancelling one order under its script gave, and what the emulator says happened to it.</summary>
internal sealed record CancelResult(Order Order, CancelScript Script, Outcome<Order> Outcome, IReadOnlyList<AppliedChange> Changes, OrderStatus StatusAfterwards);
