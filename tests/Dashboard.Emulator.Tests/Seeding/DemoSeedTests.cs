using System.Globalization;
using System.Text.Json;

namespace Dashboard.Emulator.Tests.Seeding;

/// <summary>
/// What the demo sandbox holds, read over the API: about twenty customers and orders of every product kind, with the
/// cases the cancellation rules need (past the 60-day window, pending, already cancelled).
/// </summary>
public sealed class DemoSeedTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private readonly HttpClient _client = sandbox.Client;

    [Fact]
    public async Task DemoSeed_Customers_AreExactlyTwenty()
    {
        var customers = (await _client.GetOkJsonAsync("v1/customers")).Items();

        customers.Count.ShouldBe(20);
        customers.Select(c => c.GetProperty("id").GetString()).ShouldBeUnique();
    }

    [Fact]
    public async Task DemoSeed_Orders_CoverEveryProductKind()
    {
        var orders = await AllOrdersAsync();
        var productIds = orders
            .SelectMany(o => o.GetProperty("lineItems").EnumerateArray())
            .Select(l => l.GetProperty("offerId").GetString()!.Split(':')[0])
            .Distinct()
            .ToList();

        var kinds = new HashSet<string>();
        foreach (var productId in productIds)
        {
            var productType = (await _client.GetOkJsonAsync($"v1/products/{productId}?country=US")).GetProperty("productType");
            kinds.Add(productType.TryGetProperty("subType", out var subType)
                ? $"{productType.GetProperty("id").GetString()}/{subType.GetProperty("id").GetString()}"
                : productType.GetProperty("id").GetString()!);
        }

        kinds.ShouldBe(
            ["Azure/VirtualMachines", "Azure/SaaS", "Azure/AzurePlan", "Software/SoftwarePerpetual", "Software/SoftwareSubscriptions", "OnlineServices"],
            ignoreOrder: true);
    }

    [Fact]
    public async Task DemoSeed_Orders_IncludeSomeOlderThanSixtyDays()
    {
        var orders = await AllOrdersAsync();

        orders.Count(o => CreationDate(o) < DateTimeOffset.UtcNow.AddDays(-60)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DemoSeed_Orders_IncludeSomePending()
    {
        var orders = await AllOrdersAsync();

        orders.Count(o => o.GetProperty("status").GetString() == "pending").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DemoSeed_Orders_IncludeSomeCancelled()
    {
        var orders = await AllOrdersAsync();

        orders.Count(o => o.GetProperty("status").GetString() == "cancelled").ShouldBeGreaterThan(0);
    }

    private static DateTimeOffset CreationDate(JsonElement order) =>
        DateTimeOffset.Parse(order.GetProperty("creationDate").GetString()!, CultureInfo.InvariantCulture);

    private async Task<List<JsonElement>> AllOrdersAsync()
    {
        var orders = new List<JsonElement>();
        foreach (var customer in (await _client.GetOkJsonAsync("v1/customers")).Items())
        {
            orders.AddRange((await _client.GetOkJsonAsync($"v1/customers/{customer.GetProperty("id").GetString()}/orders")).Items());
        }

        return orders;
    }
}
