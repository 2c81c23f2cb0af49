using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Emulator.Storage;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Tests.Storage;

/// <summary>
/// The order list's own read of the Orders table (columns through EF Core, line items parsed from their JSON) gives
/// what EF Core's entity query gives, every property of every order and line item, so that a property added to the model
/// and not to the read fails here.
/// </summary>
public sealed class CustomerOrdersTests
{
    private static readonly JsonSerializerOptions AllProperties = new() { WriteIndented = true };

    [Fact]
    public async Task ReadAsync_EveryDemoCustomer_GivesWhatTheEntityQueryGives()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", "600")]);
        using (var client = emulator.CreateClient())
        {
            // A cancel still being processed: the order has a CancelTakesEffectAt and a new version.
            using var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
                new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);
            cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var db = new SandboxDbContext(new DbContextOptionsBuilder<SandboxDbContext>()
            .UseSqlite($"Data Source={emulator.DataPath};Pooling=False").Options);
        var customers = await db.Customers.Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
        customers.Count.ShouldBe(20);

        foreach (var customer in customers)
        {
            var expected = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer).ToListAsync(TestContext.Current.CancellationToken);
            var read = await CustomerOrders.ReadAsync(db, customer, TestContext.Current.CancellationToken);

            JsonSerializer.Serialize(read, AllProperties).ShouldBe(JsonSerializer.Serialize(expected, AllProperties), customer);
        }

        var cancelled = (await CustomerOrders.ReadAsync(db, SeedIds.Contoso, TestContext.Current.CancellationToken)).Single(o => o.Id == SeedIds.SeedDocumentOrder);
        cancelled.CancelTakesEffectAt.ShouldNotBeNull();
        cancelled.LineItems.ShouldNotBeEmpty();
    }
}
