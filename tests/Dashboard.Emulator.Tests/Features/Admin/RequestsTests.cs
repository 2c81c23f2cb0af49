using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary>
/// <c>GET /emulator/requests</c>: every changing request answered, once per <c>MS-RequestId</c>, including those that
/// changed nothing, so that a test can prove a client asked once per order and not only that it was applied once.
/// </summary>
public sealed class RequestsTests : IAsyncLifetime
{
    private const string First = "3f1c2d4e-0000-4b8e-9a57-0c2b1d4e6f81";
    private const string Second = "3f1c2d4e-0000-4b8e-9a57-0c2b1d4e6f82";

    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    private static string OrderPath => $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

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
    public async Task ListRequests_FreshSandbox_IsAnEmptyArray()
    {
        (await _client.GetOkJsonAsync("emulator/requests")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ListRequests_ARetriedCancel_IsOneRequest()
    {
        (await CancelAsync(First)).ShouldBe(HttpStatusCode.OK);
        (await CancelAsync(First)).ShouldBe(HttpStatusCode.OK);

        var request = (await _client.GetOkJsonAsync("emulator/requests")).EnumerateArray().ShouldHaveSingleItem();

        request.PropertyNames().ShouldBe(["requestId", "method", "path", "statusCode", "answeredAt"], ignoreOrder: true);
        request.GetProperty("requestId").GetString().ShouldBe(First);
        request.GetProperty("method").GetString().ShouldBe("PATCH");
        request.GetProperty("path").GetString().ShouldBe(OrderPath);
        request.GetProperty("statusCode").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task ListRequests_ASecondCancelWithANewId_IsListedThoughItChangedNothing()
    {
        await CancelAsync(First);
        (await CancelAsync(Second)).ShouldNotBe(HttpStatusCode.OK);

        var requests = (await _client.GetOkJsonAsync("emulator/requests")).EnumerateArray().ToList();

        requests.Select(r => r.GetProperty("requestId").GetString()).ShouldBe([First, Second], ignoreOrder: true);
        requests.ShouldAllBe(r => r.GetProperty("path").GetString() == OrderPath);
        (await _client.GetOkJsonAsync("emulator/changes")).GetArrayLength().ShouldBe(1, "the second cancel changed nothing");
    }

    private async Task<HttpStatusCode> CancelAsync(string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, OrderPath.TrimStart('/'))
        {
            Content = JsonContent.Create(new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", requestId);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
