using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Reads against an emulator that answers some requests 500/503, drops some and leaves some unanswered until they time
/// out, by script: retried, each read either gives what it gives without faults or throws
/// <see cref="PartnerCenterUnavailableException"/> with a safe message.
/// </summary>
public sealed class OrderServiceReadFaultTests(ReadsUnderFaults run) : IClassFixture<ReadsUnderFaults>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_EachGivesTheRightDataOrThrowsPartnerCenterUnavailableWithASafeMessage()
    {
        var neither = run.Results
            .Where(r => !GaveTheRightData(r) && !ThrewPartnerCenterUnavailableWithASafeMessage(r))
            .Select(r => $"{r.Read}: {r.Thrown?.GetType().Name ?? r.Problem?.ToString() ?? "different data"}")
            .ToList();

        run.Results.Count.ShouldBeGreaterThan(100);
        neither.ShouldBeEmpty();
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_AreAllRecoveredByRetries()
    {
        var succeeded = run.Results.Count(r => r.Thrown is null && r.Problem is null);
        var calls = run.Desk.Logs.Calls();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{run.Results.Count} reads in {run.Elapsed.TotalSeconds:0.0} s: {succeeded} succeeded; {calls.Count} attempts, " +
            $"{calls.Count(c => c.Attempt > 1)} of them retries, {calls.Count(c => c.StatusCode >= 500)} answered 5xx, {calls.Count(c => c.StatusCode is null)} unanswered");

        succeeded.ShouldBe(run.Results.Count, $"{run.Results.Count - succeeded} of {run.Results.Count} reads failed");
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_AreRetried()
    {
        var calls = run.Desk.Logs.Calls();

        calls.Count(c => c.Method == "GET" && c.Attempt > 1).ShouldBe(4);
        calls.ShouldContain(c => c.Method == "GET" && c.Attempt == 3);
        run.Desk.Logs.From(PartnerCenterCalls.Resilience).ShouldContain(e => e.Message.StartsWith("Retrying Partner Center GET", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_MeetServerErrorsDropsAndTimeouts()
    {
        var calls = run.Desk.Logs.Calls();

        calls.Count(c => c.StatusCode == 500).ShouldBe(1);
        calls.Count(c => c.StatusCode == 503).ShouldBe(1);
        calls.Where(c => c.StatusCode == null).Select(c => c.Failure).ShouldBe(["HttpRequestException", "TaskCanceledException"], ignoreOrder: true);
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_RetryAnAttemptWithTheSameRequestId()
    {
        var retried = run.Desk.Logs.Calls().Where(c => c.Attempt > 1).ToList();

        retried.ShouldNotBeEmpty();
        retried.ShouldAllBe(r => run.Desk.Logs.Calls().Any(first => first.Attempt == 1 && first.RequestId == r.RequestId));
    }

    [Theory]
    [InlineData("error500", "error503", "00:00:30", "The service")]
    [InlineData("drop", "drop", "00:00:30", "Partner Center could not be reached.")]
    [InlineData("hang", "hang", "00:00:00.300", "Partner Center did not answer in time.")]
    public async Task ListOrdersAsync_EveryAttemptFails_ThrowsPartnerCenterUnavailableWithASafeMessage(string first, string second, string attemptTimeout, string expected)
    {
        // A hung request ends only when the client's attempt timeout runs out, so that one may be short: nothing races
        // it. The others keep a timeout no answer of a busy machine comes close to.
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("GET", $"/v1/customers/{SeedIds.Contoso}/orders", first, second) } }, Cancellation);
        await using var desk = OrderDesk.For(emulator.BaseAddress, ("PartnerCenter:MaxRetries", "1"), ("PartnerCenter:Timeout", attemptTimeout));

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        thrown.Message.ShouldStartWith(expected);
        SafeMessages.IsSafe(thrown.Message, emulator.BaseAddress).ShouldBeTrue(thrown.Message);
        desk.Logs.Calls().Select(c => c.Attempt).ShouldBe([1, 2]);
    }

    private static bool GaveTheRightData(ReadResult result) =>
        result.Thrown is null && result.Problem is null && result.Actual == result.Expected;

    private bool ThrewPartnerCenterUnavailableWithASafeMessage(ReadResult result) =>
        result.Thrown is PartnerCenterUnavailableException { InnerException: null } thrown && SafeMessages.IsSafe(thrown.Message, run.Emulator.BaseAddress);
}

/// <summary>
/// One run of many reads, concurrently, against an emulator whose script fails four of their requests: one read is
/// answered 500 then 503 and succeeds on its third attempt, one is dropped, one is left unanswered until the client's
/// attempt timeout gives up on it. Four failures are fewer than half of the ten calls the circuit breaker needs to
/// see, so it cannot open, in whatever order the answers come; the random faults are off.
/// </summary>
public sealed class ReadsUnderFaults : IAsyncLifetime
{
    internal RunningEmulator Emulator { get; private set; } = default!;

    /// <summary>
    /// The desk that read under faults: retries on, 10 s per attempt. Only the hung request waits for it; a shorter
    /// timeout would also cut off, now and then, an answer that a busy machine was slow to give.
    /// </summary>
    internal OrderDesk Desk { get; private set; } = default!;

    internal IReadOnlyList<ReadResult> Results { get; private set; } = [];

    internal TimeSpan Elapsed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // The emulator's per-tenant request limit is not under test here; its 429s would only add minute-long waits.
        Emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]);
        var reads = await ReadsWithExpectedAnswersAsync(cancellation);

        await Emulator.SetFaultsAsync(new
        {
            script = new[]
            {
                RunningEmulator.ScriptRule("GET", $"/v1/customers/{SeedIds.Contoso}/orders", "error500", "error503"),
                RunningEmulator.ScriptRule("GET", $"/v1/customers/{SeedIds.Fabrikam}/orders/{SeedIds.FabrikamSoftwareSubscription}", "hang"),
                RunningEmulator.ScriptRule("GET", $"/v1/customers/{SeedIds.Northwind}/orders", "drop"),
            },
        }, cancellation);
        Desk = OrderDesk.For(Emulator.BaseAddress, ("PartnerCenter:MaxRetries", "4"), ("PartnerCenter:Timeout", "00:00:10"));
        var orders = Desk.Orders;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var lanes = new SemaphoreSlim(16);
        Results = await Task.WhenAll(reads.Select(async read =>
        {
            await lanes.WaitAsync(cancellation);
            try
            {
                return await ReadResult.OfAsync(read.Name, read.Expected, () => read.Run(orders, cancellation));
            }
            finally
            {
                lanes.Release();
            }
        }));
        Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await Desk.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>Every customer list, order list and order of the demo sandbox, each read once without faults.</summary>
    private async Task<List<Read>> ReadsWithExpectedAnswersAsync(CancellationToken cancellation)
    {
        await using var desk = OrderDesk.For(Emulator.BaseAddress);
        var customers = (await desk.Orders.ListCustomersAsync(cancellation)).Value!;
        var reads = Enumerable.Range(1, 5)
            .Select(i => new Read($"ListCustomers #{i}", Fingerprints.Of(customers), async (o, c) => Fingerprint(await o.ListCustomersAsync(c), Fingerprints.Of)))
            .ToList();
        foreach (var customer in customers)
        {
            var orders = (await desk.Orders.ListOrdersAsync(customer.Id, cancellation)).Value!;
            reads.Add(new Read($"ListOrders {customer.Id}", Fingerprints.Of(orders),
                async (o, c) => Fingerprint(await o.ListOrdersAsync(customer.Id, c), Fingerprints.Of)));
            reads.AddRange(orders.Select(order => new Read($"GetOrder {customer.Id} {order.Id}", Fingerprints.Of(order),
                async (o, c) => Fingerprint(await o.GetOrderAsync(customer.Id, order.Id, c), Fingerprints.Of))));
        }

        // Interleave the kinds of read, the same way on every run, so that every kind meets the faults.
        var shuffled = reads.ToArray();
        new Random(7).Shuffle(shuffled);
        return [.. shuffled];
    }

    private static (string? Data, Problem? Problem) Fingerprint<T>(Outcome<T> outcome, Func<T, string> fingerprint) =>
        outcome.Succeeded ? (fingerprint(outcome.Value), null) : (null, outcome.Problem);

    private sealed record Read(string Name, string Expected, Func<IOrderService, CancellationToken, Task<(string? Data, Problem? Problem)>> Run);
}

/// <summary>What one read under faults gave.</summary>
internal sealed record ReadResult(string Read, string Expected, string? Actual, Problem? Problem, Exception? Thrown)
{
    public static async Task<ReadResult> OfAsync(string read, string expected, Func<Task<(string? Data, Problem? Problem)>> run)
    {
        try
        {
            var (data, problem) = await run();
            return new ReadResult(read, expected, data, problem, null);
        }
#pragma warning disable CA1031 // Whatever a read throws is the finding; the tests judge it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReadResult(read, expected, null, null, ex);
        }
    }
}
