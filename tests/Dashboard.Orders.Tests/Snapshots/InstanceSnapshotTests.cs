using Dashboard.Orders.Snapshots;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Dashboard.Orders.Tests.Snapshots;

/// <summary>
/// Several instances with one Redis: a change of a customer's orders on one instance (a cancel's answer, a job's
/// changes, a Refresh) drops the other instances' snapshots of that customer, so that none keeps showing what another
/// changed. Each test has a partner tenant, and so a channel, of its own.
/// </summary>
public sealed class InstanceSnapshotTests : IAsyncLifetime
{
    private const string Customer = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string OtherCustomer = "0c6a9f8e-2b1d-4c3e-9f7a-1e2d3c4b5a69";

    private readonly string _tenant = Guid.NewGuid().ToString();
    private readonly List<ServiceProvider> _instances = [];
    private ConnectionMultiplexer _redis = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync((await RedisServer.Shared).ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task UpdateAsync_CancelAnsweredOnOneInstance_DropsTheOthersSnapshotAndKeepsItsOwnPatched()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var readsA = new Reads();
        var readsB = new Reads();
        await a.GetAsync(Customer, readsA.ReadAsync, cancellationToken: Cancellation);
        await b.GetAsync(Customer, readsB.ReadAsync, cancellationToken: Cancellation);

        await a.UpdateAsync(Reads.Order("order-1", OrderStatus.Cancelled), Cancellation);

        await DroppedAsync(b, readsB);
        var onA = (await a.GetAsync(Customer, readsA.ReadAsync, cancellationToken: Cancellation)).Value!;
        readsA.Count.ShouldBe(1, "the instance that had the answer patched its own snapshot");
        onA.Find("order-1")!.Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task InvalidateAsync_JobChangedOrdersOnOneInstance_DropsEveryOtherInstancesSnapshot()
    {
        var a = await InstanceAsync();
        var others = new[] { (Snapshots: await InstanceAsync(), Reads: new Reads()), (Snapshots: await InstanceAsync(), Reads: new Reads()) };
        foreach (var (snapshots, reads) in others)
        {
            await snapshots.GetAsync(Customer, reads.ReadAsync, cancellationToken: Cancellation);
        }

        await a.InvalidateAsync(Customer, Cancellation);

        foreach (var (snapshots, reads) in others)
        {
            await DroppedAsync(snapshots, reads);
        }
    }

    [Fact]
    public async Task InvalidateAsync_AnotherTenantsInstance_KeepsItsSnapshot()
    {
        var a = await InstanceAsync();
        var otherTenant = await InstanceAsync(tenant: Guid.NewGuid().ToString());
        var sameTenant = await InstanceAsync();
        var readsOther = new Reads();
        var readsSame = new Reads();
        await otherTenant.GetAsync(Customer, readsOther.ReadAsync, cancellationToken: Cancellation);
        await sameTenant.GetAsync(Customer, readsSame.ReadAsync, cancellationToken: Cancellation);

        await a.InvalidateAsync(Customer, Cancellation);
        await DroppedAsync(sameTenant, readsSame);

        // The notice reached the instance of the same tenant; the other tenant's, on another channel, kept its snapshot.
        await otherTenant.GetAsync(Customer, readsOther.ReadAsync, cancellationToken: Cancellation);
        readsOther.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ConnectionRestored_NoticesMayHaveBeenMissed_DropsEverySnapshotOfThatInstance()
    {
        var name = $"snapshots-{Guid.NewGuid():N}";
        var server = await RedisServer.Shared;
        await using var own = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},name={name}");
        var b = await InstanceAsync(connection: own);
        var reads = new Reads();
        var readsOfOther = new Reads();
        await b.GetAsync(Customer, reads.ReadAsync, cancellationToken: Cancellation);
        await b.GetAsync(OtherCustomer, readsOfOther.ReadAsync, cancellationToken: Cancellation);
        await b.GetAsync(Customer, reads.ReadAsync, cancellationToken: Cancellation);
        reads.Count.ShouldBe(1, "the snapshot is kept while nothing happens");

        // Redis drops the instance's connections, as a Redis restart or a network cut would; they reconnect on their own.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true"))
        {
            var redis = admin.GetServer(admin.GetEndPoints().Single());
            var clients = (await redis.ClientListAsync()).Where(c => c.Name == name).ToList();
            clients.ShouldNotBeEmpty();
            foreach (var client in clients)
            {
                await redis.ClientKillAsync(client.Id, clientType: null, endpoint: null, skipMe: true);
            }
        }

        await DroppedAsync(b, reads);
        await DroppedAsync(b, readsOfOther, OtherCustomer);
    }

    /// <summary>Waits until the instance reads the customer's orders again: its snapshot was dropped.</summary>
    private static async Task DroppedAsync(OrderSnapshots snapshots, Reads reads, string customer = Customer)
    {
        var before = reads.Count;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await snapshots.GetAsync(customer, reads.ReadAsync, cancellationToken: Cancellation);
            if (reads.Count > before)
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the other instance's snapshot was not dropped");
            await Task.Delay(20, Cancellation);
        }
    }

    private async Task<OrderSnapshots> InstanceAsync(string? tenant = null, IConnectionMultiplexer? connection = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("PartnerCenter:StaticToken", "test")]).Build());
        services.AddLogging();
        services.AddOrders(_ => LoopbackServer.AddressNobodyListensOn());
        services.AddSharedBetweenInstances(_ => connection ?? _redis, tenant ?? _tenant);
        var instance = services.BuildServiceProvider();
        _instances.Add(instance);
        foreach (var hosted in instance.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Cancellation);
        }

        return instance.GetRequiredService<OrderSnapshots>();
    }

    private sealed class Reads
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public static Order Order(string id, OrderStatus status) => new()
        {
            Id = id,
            CustomerId = Customer,
            Status = status,
            StatusText = status.ToString().ToLowerInvariant(),
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
            LineItems = [],
        };

        public Task<Outcome<IReadOnlyList<Order>>> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult<Outcome<IReadOnlyList<Order>>>(new List<Order> { Order("order-1", OrderStatus.Completed), Order("order-2", OrderStatus.Completed) });
        }
    }
}
