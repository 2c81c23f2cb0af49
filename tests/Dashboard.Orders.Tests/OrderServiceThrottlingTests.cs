using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Partner Center's 429 with <c>Retry-After: 57</c>, from the emulator: a read waits it out on the clock the dashboard
/// registers (a fake one here, so that a minute takes no time), a cancel is not carried out and says when to try again.
/// </summary>
/// <remarks>
/// Every test lets its read finish: Polly waits, on the registered clock, for calls still in its pipeline before it is
/// disposed, so a read left waiting on the fake clock would keep the desk from ever being disposed.
/// </remarks>
public sealed class OrderServiceThrottlingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(57);

    private readonly WatchedTime _time = new(Start);
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(time: _time);
        _desk = OrderDesk.For(_emulator.BaseAddress, _time, ("PartnerCenter:MaxRetries", "4"));
        await _emulator.SetFaultsAsync(new { throttleRate = 1, retryAfterSeconds = 57 }, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListOrdersAsync_AnsweredTooManyRequests_CompletesOnlyOnceRetryAfterHasPassed()
    {
        var reading = _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);
        await _time.WaitForTimerAsync(RetryAfter, Cancellation);
        await _emulator.SwitchFaultsOffAsync(Cancellation);

        _time.Advance(RetryAfter - TimeSpan.FromMilliseconds(1));
        // Gives a wrongly early retry the time to show. A slow machine can only hide one, never fail a correct client:
        // the read cannot complete before the clock reaches Retry-After, which only this test moves.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
        var completedEarly = reading.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var completedInTime = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10), Cancellation)) == reading;

        completedEarly.ShouldBeFalse();
        completedInTime.ShouldBeTrue();
    }

    [Fact]
    public async Task ListOrdersAsync_AnsweredTooManyRequests_SucceedsOnceRetryAfterHasPassed()
    {
        var reading = _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);
        await _time.WaitForTimerAsync(RetryAfter, Cancellation);
        await _emulator.SwitchFaultsOffAsync(Cancellation);

        _time.Advance(RetryAfter);
        var outcome = await reading.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.Select(o => o.Id).ShouldBe(
            [SeedIds.ContosoNewCommerce, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.SeedDocumentOrder], ignoreOrder: true);
        _desk.Logs.Calls().Where(c => c.Route == "/v1/customers/{customerId}/orders").Select(c => (c.StatusCode, c.Attempt)).ShouldBe([(429, 1), (200, 2)]);
    }

    [Fact]
    public async Task ListOrdersAsync_AnsweredTooManyRequests_WaitsOutRetryAfterSilently()
    {
        var reading = _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);
        await _time.WaitForTimerAsync(RetryAfter, Cancellation);
        await _emulator.SwitchFaultsOffAsync(Cancellation);

        _time.Advance(RetryAfter);
        await reading.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        _desk.Logs.From(PartnerCenterCalls.OrderService).ShouldBeEmpty();
        _desk.Logs.Events.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task CancelOrderAsync_AnsweredTooManyRequests_IsThrottledWithTheTimeToTryAgain()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.Throttled);
        problem.Message.ShouldContain("Try again at 09:00:57 UTC (in 57 seconds)");
    }

    [Fact]
    public async Task CancelOrderAsync_AnsweredTooManyRequests_IsNeitherAppliedNorSentAgain()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await _emulator.SwitchFaultsOffAsync(Cancellation);

        _desk.Logs.Calls().ShouldHaveSingleItem().IsCancel.ShouldBeTrue();
        (await _emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        (await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation)).Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Completed);
    }
}
