using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Seeding;

/// <summary>The large seed, for performance work, is sized by <c>Emulator:Large:*</c>.</summary>
public sealed class LargeSeedTests
{
    [Fact]
    public async Task LargeSeed_ConfiguredSizes_GiveThatManyCustomersEachWithThatManyOrders()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Large:Customers", "3"), new("Emulator:Large:OrdersPerCustomer", "7")], seed: "large");
        using var client = emulator.CreateClient();

        var customers = (await client.GetOkJsonAsync("v1/customers")).Items();

        customers.Count.ShouldBe(3);
        foreach (var customer in customers)
        {
            var orders = await client.GetOkJsonAsync($"v1/customers/{customer.GetProperty("id").GetString()}/orders");
            orders.Items().Count.ShouldBe(7);
        }
    }
}
