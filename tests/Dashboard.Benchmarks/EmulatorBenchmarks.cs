using BenchmarkDotNet.Attributes;
using Dashboard.Testing;

namespace Dashboard.Benchmarks;

/// <summary>
/// The emulator's own answer times over loopback HTTP, with a sandbox of the <c>large</c> profile's shape: what the
/// dashboard waits for before its client even starts reading. <see cref="ListOrders"/> reads a customer's whole order
/// list, a thousand orders and ten thousand (about 17 MB of JSON, the largest list the dashboard reads whole).
/// </summary>
[MemoryDiagnoser]
public class EmulatorBenchmarks
{
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;
    private string _customer = "";
    private string _order = "";

    /// <summary>Orders of each of the sandbox's three customers.</summary>
    [Params(1_000, 10_000)]
    public int OrdersPerCustomer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _emulator = RunningEmulator.StartAsync(
            [
                new("Emulator:Large:Customers", "3"),
                new("Emulator:Large:OrdersPerCustomer", OrdersPerCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Emulator:Throttling:RequestsPerMinute", "0"),
            ],
            seed: "large").GetAwaiter().GetResult();
        _client = _emulator.CreateClient();
        using var customers = System.Text.Json.JsonDocument.Parse(_client.GetStringAsync("v1/customers").GetAwaiter().GetResult());
        _customer = customers.RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
        using var orders = System.Text.Json.JsonDocument.Parse(_client.GetStringAsync($"v1/customers/{_customer}/orders").GetAwaiter().GetResult());
        _order = orders.RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> ListCustomers() => (await _client.GetByteArrayAsync("v1/customers?size=100")).Length;

    [Benchmark]
    public async Task<int> ListOrders() => (await _client.GetByteArrayAsync($"v1/customers/{_customer}/orders")).Length;

    [Benchmark]
    public async Task<int> GetOrder() => (await _client.GetByteArrayAsync($"v1/customers/{_customer}/orders/{_order}")).Length;
}
