using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary><c>GET /emulator/changes[?orderId=...]</c>: the changes applied to orders, so tests can prove a cancel happened once.</summary>
public sealed class ChangesTests : IAsyncLifetime
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
    public async Task ListChanges_FreshSandbox_IsAnEmptyArray()
    {
        var changes = await _client.GetOkJsonAsync("emulator/changes");

        changes.ValueKind.ShouldBe(JsonValueKind.Array);
        changes.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ListChanges_AfterACancel_ListsWhatWasAppliedToWhichOrder()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}")
        {
            Content = JsonContent.Create(new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", "8d7b8c61-3f0e-4b8e-9a57-0c2b1d4e6f80");
        (await _client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var change = (await _client.GetOkJsonAsync("emulator/changes")).EnumerateArray().ShouldHaveSingleItem();

        change.PropertyNames().ShouldBe(["customerId", "orderId", "requestId", "change", "appliedAt"], ignoreOrder: true);
        change.GetProperty("customerId").GetString().ShouldBe(SeedIds.Contoso);
        change.GetProperty("orderId").GetString().ShouldBe(SeedIds.SeedDocumentOrder);
        change.GetProperty("requestId").GetString().ShouldBe("8d7b8c61-3f0e-4b8e-9a57-0c2b1d4e6f80");
        change.GetProperty("change").GetString().ShouldBe("cancel");
        DateTimeOffset.TryParse(change.GetProperty("appliedAt").GetString(), CultureInfo.InvariantCulture, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ListChanges_ByOrderId_ListsOnlyThatOrdersChanges()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);

        var changes = await _client.GetOkJsonAsync($"emulator/changes?orderId={SeedIds.ContosoReservedInstance}");

        changes.EnumerateArray().ShouldHaveSingleItem().GetProperty("orderId").GetString().ShouldBe(SeedIds.ContosoReservedInstance);
    }

    private async Task CancelAsync(string customerId, string orderId)
    {
        var cancel = await _client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}",
            new { id = orderId, status = "cancelled" }, TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
