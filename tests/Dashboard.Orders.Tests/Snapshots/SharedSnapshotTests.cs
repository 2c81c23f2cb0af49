using Dashboard.Emulator.Tests;
using Dashboard.Orders.Snapshots;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Orders.Tests.Snapshots;

/// <summary>
/// The snapshot of a customer's orders that every circuit shares, against the emulator over HTTP: one Partner Center
/// read for many readers, and never older than the last cancel, job or Refresh.
/// </summary>
public sealed class SharedSnapshotTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;
    private int _reads;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(_time);
        _desk = OrderDesk.For(_emulator.BaseAddress, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_TwoCircuits_ShareOneSnapshotFromOneRead()
    {
        await using var other = _desk.NewCircuit();
        var otherOrders = other.ServiceProvider.GetRequiredService<IOrderService>();

        var first = await GetAsync(_desk.Orders);
        var second = await GetAsync(otherOrders);

        second.ShouldBeSameAs(first);
        _reads.ShouldBe(1);
        first.Orders.Select(o => o.Id).ShouldContain(SeedIds.ContosoReservedInstance);
    }

    [Fact]
    public async Task GetAsync_ManyReadersOfAColdSnapshot_CauseOneRead()
    {
        var answer = new TaskCompletionSource();
        async Task<Outcome<IReadOnlyList<Order>>> SlowRead(CancellationToken token)
        {
            Interlocked.Increment(ref _reads);
            await answer.Task.WaitAsync(token);
            return await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, token);
        }

        var readers = Enumerable.Range(0, 8).Select(_ => _desk.Snapshots.GetAsync(SeedIds.Contoso, SlowRead, cancellationToken: Cancellation)).ToList();
        answer.SetResult();
        var snapshots = await Task.WhenAll(readers);

        _reads.ShouldBe(1);
        snapshots.Select(s => s.Value).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
    }

    [Fact]
    public async Task CancelOrderAsync_InOneCircuit_ShowsInTheOtherCircuitsNextLookWithoutAnotherRead()
    {
        await using var other = _desk.NewCircuit();
        var otherOrders = other.ServiceProvider.GetRequiredService<IOrderService>();
        var before = await GetAsync(otherOrders);
        before.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Completed);

        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation)).Succeeded.ShouldBeTrue();
        var after = await GetAsync(otherOrders);

        after.ShouldNotBeSameAs(before);
        after.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Cancelled);
        after.Count.ShouldBe(before.Count);
        after.StatusCounts.ShouldContain(new StatusCount(OrderStatus.Cancelled, before.StatusCounts.SingleOrDefault(c => c.Status == OrderStatus.Cancelled)?.Count + 1 ?? 1));
        _reads.ShouldBe(1);
    }

    [Fact]
    public async Task CancelOrderAsync_Refused_LeavesTheSnapshotAsItWas()
    {
        var before = await GetAsync(_desk.Orders);

        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation)).Succeeded.ShouldBeFalse();

        (await GetAsync(_desk.Orders)).ShouldBeSameAs(before);
    }

    [Fact]
    public async Task GetAsync_Refresh_ReadsPartnerCenterAgainForEveryone()
    {
        var before = await GetAsync(_desk.Orders);
        await _emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Guid.NewGuid().ToString(), Cancellation);

        var refreshed = await GetAsync(_desk.Orders, refresh: true);
        var next = await GetAsync(_desk.Orders);

        refreshed.ShouldNotBeSameAs(before);
        next.ShouldBeSameAs(refreshed);
        next.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Cancelled);
        _reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_AfterAJobsCancel_ReadsPartnerCenterAgain()
    {
        await GetAsync(_desk.Orders);
        var orders = (OrderService)_desk.Orders;

        (await orders.CancelForJobAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Guid.NewGuid().ToString(), mayHaveBeenSent: false, Cancellation))
            .Succeeded.ShouldBeTrue();
        var after = await GetAsync(_desk.Orders);

        _reads.ShouldBe(2);
        after.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task GetAsync_ReadThatBeganBeforeACancelAndEndedAfterIt_IsNotKept()
    {
        var cancelled = new TaskCompletionSource();
        async Task<Outcome<IReadOnlyList<Order>>> ReadThenWait(CancellationToken token)
        {
            var orders = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, token);
            if (Interlocked.Increment(ref _reads) == 1)
            {
                await cancelled.Task.WaitAsync(token);
            }

            return orders;
        }

        var slow = _desk.Snapshots.GetAsync(SeedIds.Contoso, ReadThenWait, cancellationToken: Cancellation);
        await WaitUntilAsync(() => Volatile.Read(ref _reads) == 1);
        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation)).Succeeded.ShouldBeTrue();
        cancelled.SetResult();

        var snapshot = (await slow).Value.ShouldNotBeNull();
        snapshot.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Cancelled);
        _reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_ReadFails_KeepsNothingAndReadsAgainNextTime()
    {
        var outcome = await _desk.Snapshots.GetAsync(SeedIds.Contoso, _ =>
        {
            _reads++;
            return Task.FromResult<Outcome<IReadOnlyList<Order>>>(new Problem(ProblemKind.Throttled, "Partner Center asked to wait."));
        }, cancellationToken: Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Throttled);
        (await GetAsync(_desk.Orders)).Count.ShouldBeGreaterThan(0);
        _reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetOrderAsync_StatusChangedSinceTheSnapshot_UpdatesIt()
    {
        var before = await GetAsync(_desk.Orders);
        await _emulator.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Guid.NewGuid().ToString(), Cancellation);

        (await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation)).Succeeded.ShouldBeTrue();
        var after = await GetAsync(_desk.Orders);

        after.ShouldNotBeSameAs(before);
        after.Find(SeedIds.ContosoReservedInstance)!.Status.ShouldBe(OrderStatus.Cancelled);
        _reads.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrderAsync_NothingChanged_KeepsTheSameSnapshot()
    {
        var before = await GetAsync(_desk.Orders);

        (await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation)).Succeeded.ShouldBeTrue();

        (await GetAsync(_desk.Orders)).ShouldBeSameAs(before);
    }

    private async Task<OrderSnapshot> GetAsync(IOrderService orders, bool refresh = false)
    {
        var outcome = await _desk.Snapshots.GetAsync(SeedIds.Contoso, token =>
        {
            Interlocked.Increment(ref _reads);
            return orders.ListOrdersAsync(SeedIds.Contoso, token);
        }, refresh, Cancellation);
        return outcome.Value.ShouldNotBeNull();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10, Cancellation);
        }
    }
}
