using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// The kinds of products, once Partner Center's catalog told one instance, are kept in HybridCache's second level (a
/// real Redis here): another instance, or one that starts later, lists the same orders without asking the catalog.
/// </summary>
public sealed class SharedProductCatalogTests : IAsyncLifetime
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private RunningEmulator _emulator = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _emulator = await RunningEmulator.StartAsync();

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ListOrdersAsync_OnASecondInstance_TakesTheProductKindsTheFirstLearnt()
    {
        var redis = await RedisServer.Shared;
        await using var first = Instance(redis);
        await using var second = Instance(redis);

        var seenByFirst = (await first.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)).Value!;
        var seenBySecond = (await second.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)).Value!;

        first.Logs.Calls().ShouldContain(c => c.Route == "/v1/products/{productId}");
        second.Logs.Calls().ShouldNotContain(c => c.Route == "/v1/products/{productId}");
        seenBySecond.Select(o => (o.Id, o.ProductKind, o.Cancellability.CanCancel)).ShouldBe(seenByFirst.Select(o => (o.Id, o.ProductKind, o.Cancellability.CanCancel)));
    }

    [Fact]
    public async Task ListOrdersAsync_SecondLevelUnreachable_AsksTheCatalogAsAlone()
    {
        var nobody = LoopbackServer.AddressNobodyListensOn();
        // As the dashboard connects (SharedStateSetup): a command fails at once while Redis cannot be reached.
        var unreachable = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{nobody.Port},abortConnect=false,connectTimeout=200");
        unreachable.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        await using var alone = OrderDesk.For(_emulator.BaseAddress, null, new CancelsAllowed(), services => services.AddStackExchangeRedisCache(cache =>
            cache.ConfigurationOptions = unreachable));

        var orders = await alone.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        orders.Succeeded.ShouldBeTrue();
        alone.Logs.Calls().ShouldContain(c => c.Route == "/v1/products/{productId}");
    }

    private OrderDesk Instance(RedisServer redis) =>
        OrderDesk.For(_emulator.BaseAddress, null, new CancelsAllowed(), services => services.AddStackExchangeRedisCache(cache =>
        {
            cache.Configuration = redis.ConnectionString;
            cache.InstanceName = _prefix;
        }));
}
