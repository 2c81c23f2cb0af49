using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Orders;

/// <summary>
/// <c>MS-RequestId</c> is the idempotency key of a PATCH (docs/partner-center.md#headers): a retry with the same value
/// is not applied again and gets the first answer. Without it every PATCH is a new request. Each test gets a fresh
/// sandbox.
/// </summary>
public sealed class CancelOrderRequestIdTests : IAsyncLifetime
{
    private const string RequestId = "0b5c3b36-7f43-4a2e-9d55-3c1c2a8f7e10";

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
    public async Task Patch_RepeatedWithTheSameRequestId_IsAppliedOnce()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        var change = (await ChangesAsync(SeedIds.SeedDocumentOrder)).ShouldHaveSingleItem();
        change.GetProperty("requestId").GetString().ShouldBe(RequestId);
    }

    [Fact]
    public async Task Patch_RepeatedWithTheSameRequestId_AnswersTheSameStatusAndByteIdenticalBody()
    {
        var first = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);
        var firstBody = await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var repeat = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await repeat.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(firstBody);
    }

    [Fact]
    public async Task Patch_RepeatedWithTheSameRequestIdAfterTheOrderChanged_AnswersTheFirstAnswerAgain()
    {
        var first = await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, CancelLines(SeedIds.WoodgroveSoftware, 1), RequestId);
        var firstBody = await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var other = await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, CancelLines(SeedIds.WoodgroveSoftware, 0), "5e0f7a52-96c1-4f0e-a6a4-6f7b8d2e9c31");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);

        var repeat = await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, CancelLines(SeedIds.WoodgroveSoftware, 1), RequestId);

        repeat.StatusCode.ShouldBe(first.StatusCode);
        (await repeat.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(firstBody);
        (await ChangesAsync(SeedIds.WoodgroveSoftware)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Patch_RefusedAndRepeatedWithTheSameRequestId_AnswersTheSameError()
    {
        var first = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancel(SeedIds.ContosoNewCommerce), RequestId);
        var firstBody = await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var repeat = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancel(SeedIds.ContosoNewCommerce), RequestId);

        await repeat.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800063);
        (await repeat.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(firstBody);
    }

    [Fact]
    public async Task Patch_RequestIdReusedOnAnotherOrder_Answers400InvalidRequestInput()
    {
        (await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancel(SeedIds.ContosoReservedInstance), RequestId);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Patch_RequestIdReusedOnAnotherOrder_LeavesThatOrderUntouched()
    {
        (await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await PatchAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancel(SeedIds.ContosoReservedInstance), RequestId);

        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.ContosoReservedInstance}");
        order.GetProperty("status").GetString().ShouldBe("completed");
        (await ChangesAsync(SeedIds.ContosoReservedInstance)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Patch_TwiceWithoutRequestId_FirstCancelsThenAnswers400OrderCannotBeCancelled()
    {
        var first = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), requestId: null);

        var second = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), requestId: null);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await second.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800061);
    }

    private static object Cancel(string orderId) => new { id = orderId, status = "cancelled" };

    private static object CancelLines(string orderId, params int[] lines) =>
        new { id = orderId, status = "cancelled", lineItems = lines.Select(n => new { lineItemNumber = n }).ToArray() };

    private async Task<HttpResponseMessage> PatchAsync(string customerId, string orderId, object body, string? requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}")
        {
            Content = JsonContent.Create(body),
        };
        if (requestId is not null)
        {
            request.Headers.Add("MS-RequestId", requestId);
        }

        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<IReadOnlyList<JsonElement>> ChangesAsync(string orderId)
    {
        var changes = await _client.GetOkJsonAsync($"emulator/changes?orderId={Uri.EscapeDataString(orderId)}");
        return [.. changes.EnumerateArray()];
    }
}
