using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Storage;

public sealed class SandboxPersistenceTests
{
    [Fact]
    public async Task CancelledOrder_AfterARestart_IsStillCancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using (var client = emulator.CreateClient())
        {
            var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
                new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);
            cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await emulator.RestartAsync();

        using var after = emulator.CreateClient();
        var order = await (await after.GetAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        order.GetProperty("status").GetString().ShouldBe("cancelled");
        File.Exists(emulator.DataPath).ShouldBeTrue();
    }

    [Fact]
    public async Task EmptySeed_CreatesASandboxWithoutCustomers()
    {
        await using var emulator = await RunningEmulator.StartAsync(seed: "empty");
        using var client = emulator.CreateClient();

        var body = await (await client.GetAsync("v1/customers", TestContext.Current.CancellationToken)).ReadJsonAsync();

        body.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }
}
