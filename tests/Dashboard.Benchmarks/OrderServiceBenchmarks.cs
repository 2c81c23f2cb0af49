using BenchmarkDotNet.Attributes;
using Dashboard.Orders;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// What a page pays for its data: the order service's calls through the real client, over loopback HTTP, to the
/// emulator with the demo sandbox (SQLite). Partner Center itself adds its own network time on top.
/// </summary>
[MemoryDiagnoser]
public class OrderServiceBenchmarks
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    private RunningEmulator _emulator = default!;
    private ServiceProvider _services = default!;
    private IOrderService _orders = default!;

    [GlobalSetup]
    public void Setup()
    {
        // Benchmarks make thousands of calls a minute: both Partner Center rate limits (the emulator's and the client's own)
        // are lifted, or the numbers would measure waiting for the limit.
        _emulator = RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]).GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new("PartnerCenter:StaticToken", RunningEmulator.Token),
                new("PartnerCenter:RequestsPerMinute", "100000000"),
            ])
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddOrders(_ => _emulator.BaseAddress)
            .BuildServiceProvider();
        _orders = _services.CreateScope().ServiceProvider.GetRequiredService<IOrderService>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> ListCustomers() => (await _orders.ListCustomersAsync()).Value!.Count;

    [Benchmark]
    public async Task<int> ListOrders() => (await _orders.ListOrdersAsync(Contoso)).Value!.Count;

    [Benchmark]
    public async Task<string> GetOrder() => (await _orders.GetOrderAsync(Contoso, SeedDocumentOrder)).Value!.Id;
}
