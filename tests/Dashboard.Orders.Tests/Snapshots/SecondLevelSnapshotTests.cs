using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Snapshots;

/// <summary>
/// With Redis as the distributed cache (a real server), a snapshot made by one instance is found by another: it
/// survives the trip through the cache's serializer whole.
/// </summary>
public sealed class SecondLevelSnapshotTests : IAsyncLifetime
{
    private RedisServer _redis = default!;
    private RunningEmulator _emulator = default!;
    private OrderDesk _first = default!;
    private OrderDesk _second = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(Cancellation);
        _emulator = await RunningEmulator.StartAsync();
        _first = OrderDesk.For(_emulator.BaseAddress, null, new CancelsAllowed(), UseRedis);
        _second = OrderDesk.For(_emulator.BaseAddress, null, new CancelsAllowed(), UseRedis);
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _emulator.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private void UseRedis(IServiceCollection services) => services.AddStackExchangeRedisCache(redis => redis.Configuration = _redis.ConnectionString);

    [Fact]
    public async Task GetAsync_AnotherInstanceReadTheCustomer_GetsTheSameOrdersWithoutReading()
    {
        var made = (await _first.Snapshots.GetAsync(SeedIds.Contoso, token => _first.Orders.ListOrdersAsync(SeedIds.Contoso, token), cancellationToken: Cancellation))
            .Value.ShouldNotBeNull();
        var reads = 0;

        // The first instance writes to Redis beside answering its caller: the second looks once Redis holds it.
        var redis = _first.Services.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        while (await redis.GetAsync($"orders:{SeedIds.Contoso}", patience.Token) is null)
        {
            await Task.Delay(20, patience.Token);
        }

        var found = (await _second.Snapshots.GetAsync(SeedIds.Contoso, token =>
        {
            reads++;
            return _second.Orders.ListOrdersAsync(SeedIds.Contoso, token);
        }, cancellationToken: Cancellation)).Value.ShouldNotBeNull();

        reads.ShouldBe(0);
        found.ShouldNotBeSameAs(made);
        found.CustomerId.ShouldBe(made.CustomerId);
        found.ReadAt.ShouldBe(made.ReadAt);
        found.StatusCounts.ShouldBe(made.StatusCounts);
        found.Orders.Count.ShouldBe(made.Orders.Count);
        foreach (var (a, b) in made.Orders.Zip(found.Orders))
        {
            b.ShouldBe(a with { LineItems = b.LineItems, Links = b.Links });
            b.LineItems.Select(l => l with { Links = [] }).ShouldBe(a.LineItems.Select(l => l with { Links = [] }));
            b.LineItems.SelectMany(l => l.Links).ShouldBe(a.LineItems.SelectMany(l => l.Links));
            b.Links.ShouldBe(a.Links);
        }
    }
}
