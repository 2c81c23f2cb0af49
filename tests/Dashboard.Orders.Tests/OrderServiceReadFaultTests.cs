using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Reads against an emulator that answers 10% of requests 500/503 and lets 10% time out: retried, each read either
/// gives what it gives without faults or throws <see cref="PartnerCenterUnavailableException"/> with a safe message.
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
    public void Reads_UnderErrorsAndTimeouts_AreMostlyRecoveredByRetries()
    {
        var succeeded = run.Results.Count(r => r.Thrown is null && r.Problem is null);
        var calls = run.Desk.Logs.Calls();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{run.Results.Count} reads in {run.Elapsed.TotalSeconds:0.0} s: {succeeded} succeeded; {calls.Count} attempts, " +
            $"{calls.Count(c => c.Attempt > 1)} of them retries, {calls.Count(c => c.StatusCode >= 500)} answered 5xx, {calls.Count(c => c.StatusCode is null)} unanswered");

        succeeded.ShouldBeGreaterThanOrEqualTo(run.Results.Count * 95 / 100, $"{run.Results.Count - succeeded} of {run.Results.Count} reads failed");
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_AreRetried()
    {
        var calls = run.Desk.Logs.Calls();

        calls.ShouldContain(c => c.Method == "GET" && c.Attempt > 1);
        run.Desk.Logs.From(PartnerCenterCalls.Resilience).ShouldContain(e => e.Message.StartsWith("Retrying Partner Center GET", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_MeetServerErrorsAndTimeouts()
    {
        var calls = run.Desk.Logs.Calls();

        calls.ShouldContain(c => c.StatusCode == 500);
        calls.ShouldContain(c => c.StatusCode == 503);
        calls.ShouldContain(c => c.StatusCode == null, "no attempt went unanswered, so no timeout was met");
    }

    [Fact]
    public void Reads_UnderErrorsAndTimeouts_RetryAnAttemptWithTheSameRequestId()
    {
        var retried = run.Desk.Logs.Calls().Where(c => c.Attempt > 1).ToList();

        retried.ShouldNotBeEmpty();
        retried.ShouldAllBe(r => run.Desk.Logs.Calls().Any(first => first.Attempt == 1 && first.RequestId == r.RequestId));
    }

    [Theory]
    [InlineData("errorRate", "The service")]
    [InlineData("timeoutRate", "Partner Center did not answer in time.")]
    public async Task ListOrdersAsync_EveryAttemptFails_ThrowsPartnerCenterUnavailableWithASafeMessage(string fault, string expected)
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new($"Emulator:Faults:{fault}", "1"), new("Emulator:Faults:TimeoutSeconds", "3")]);
        await using var desk = OrderDesk.For(emulator.BaseAddress, ("PartnerCenter:MaxRetries", "1"), ("PartnerCenter:Timeout", "00:00:00.300"));

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
/// One run of many reads, concurrently, against an emulator injecting 10% 500/503 and 10% timeouts (fixed seed),
/// with what each read gives when there are no faults to compare with.
/// </summary>
public sealed class ReadsUnderFaults : IAsyncLifetime
{
    internal RunningEmulator Emulator { get; private set; } = default!;

    /// <summary>The desk that read under faults: retries on, 750 ms per attempt while the emulator holds a timeout for 3 s.</summary>
    internal OrderDesk Desk { get; private set; } = default!;

    internal IReadOnlyList<ReadResult> Results { get; private set; } = [];

    internal TimeSpan Elapsed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // The emulator's per-tenant request limit is not under test here; its 429s would only add minute-long waits.
        Emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]);
        var reads = await ReadsWithExpectedAnswersAsync(cancellation);

        await Emulator.SetFaultsAsync(new { errorRate = 0.1, timeoutRate = 0.1, timeoutSeconds = 3, randomSeed = 2026 }, cancellation);
        Desk = OrderDesk.For(Emulator.BaseAddress, ("PartnerCenter:MaxRetries", "4"), ("PartnerCenter:Timeout", "00:00:00.750"));
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
