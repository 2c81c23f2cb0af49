using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary><c>POST /emulator/reset[?seed=...]</c>: empties the sandbox and seeds it again. Each test gets a fresh sandbox.</summary>
public sealed class ResetTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Reset_AfterACancel_RestoresTheSeededOrderStatus()
    {
        await CancelSeedDocumentOrderAsync();

        var response = await _client.PostAsync("emulator/reset", content: null, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        order.GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Reset_AfterACancel_ClearsTheChanges()
    {
        await CancelSeedDocumentOrderAsync();
        (await _client.GetOkJsonAsync("emulator/changes")).GetArrayLength().ShouldBe(1);

        await _client.PostAsync("emulator/reset", content: null, TestContext.Current.CancellationToken);

        (await _client.GetOkJsonAsync("emulator/changes")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reset_EmptySeed_EmptiesTheSandbox()
    {
        var response = await _client.PostAsync("emulator/reset?seed=empty", content: null, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var customers = await _client.GetOkJsonAsync("v1/customers");
        customers.Items().ShouldBeEmpty();
        customers.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Reset_UnknownSeed_Answers400AndKeepsTheSandbox()
    {
        var response = await _client.PostAsync("emulator/reset?seed=bogus", content: null, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.GetOkJsonAsync("v1/customers")).Items().Count.ShouldBe(20);
    }

    private async Task CancelSeedDocumentOrderAsync()
    {
        var cancel = await _client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
