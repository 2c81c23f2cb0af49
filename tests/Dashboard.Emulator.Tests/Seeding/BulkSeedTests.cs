using System.Globalization;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Seeding;

/// <summary>The bulk seed, a sandbox to clear out: the sizes of <c>Emulator:Large:*</c>, every order cancellable by order.</summary>
public sealed class BulkSeedTests
{
    [Fact]
    public async Task BulkSeed_ConfiguredSizes_GiveRecentCompletedOrdersThatEachCancelByOrder()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Large:Customers", "2"), new("Emulator:Large:OrdersPerCustomer", "40")], seed: "bulk");
        using var client = emulator.CreateClient();

        var customers = (await client.GetOkJsonAsync("v1/customers")).Items();
        customers.Count.ShouldBe(2);
        foreach (var customer in customers)
        {
            var id = customer.GetProperty("id").GetString();
            var orders = (await client.GetOkJsonAsync($"v1/customers/{id}/orders")).Items();
            orders.Count.ShouldBe(40);
            orders.ShouldAllBe(o => o.GetProperty("status").GetString() == "completed");
            orders.ShouldAllBe(o => DateTimeOffset.UtcNow - DateTimeOffset.Parse(o.GetProperty("creationDate").GetString()!, CultureInfo.InvariantCulture) < TimeSpan.FromDays(31));

            // Reservations and software only: each has an entitlement, which is what cancelling by order applies to.
            var entitlements = (await client.GetOkJsonAsync($"v1/customers/{id}/entitlements")).Items();
            entitlements.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString()).Distinct().Count().ShouldBe(40);
        }
    }
}
