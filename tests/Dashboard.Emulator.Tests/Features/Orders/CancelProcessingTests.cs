using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Emulator.Tests.Features.Orders;

/// <summary>
/// <c>Emulator:CancelProcessingSeconds</c> (docs/partner-center.md#asynchronous-cancel): a whole-order cancel reads
/// "pending" on the emulator's clock for that many seconds, then "cancelled", so that a client's polling can be tested.
/// Each test gets a fresh sandbox on a fake clock that moves only when the test moves it.
/// </summary>
public sealed class CancelProcessingTests : IAsyncLifetime
{
    private const int ProcessingSeconds = 30;
    private const string RequestId = "7d0c8c7e-2f5b-4a51-b1de-4c3f2e9a6b10";
    private const string SeedDocumentOrderAlternateId = "11fc4bdfd47a";
    private const string ContosoReservedInstanceAlternateId = "3b7e0d1c9a42";

    private static readonly TimeSpan AlmostProcessed = TimeSpan.FromSeconds(ProcessingSeconds - 1);
    private static readonly TimeSpan TheRest = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string SeedDocumentOrderUri => $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(
            [new("Emulator:CancelProcessingSeconds", ProcessingSeconds.ToString(CultureInfo.InvariantCulture))], _time);
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Patch_WholeOrder_Answers200WithTheOrderReadingPending()
    {
        var response = await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("pending");
    }

    [Fact]
    public async Task GetOrder_UntilTheProcessingTimeHasPassed_ReadsPendingThenCancelled()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        _time.Advance(AlmostProcessed);
        (await StatusAsync()).ShouldBe("pending");
        _time.Advance(TheRest);
        (await StatusAsync()).ShouldBe("cancelled");
    }

    [Fact]
    public async Task ListOrders_UntilTheProcessingTimeHasPassed_ShowsPendingThenCancelled()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        _time.Advance(AlmostProcessed);
        (await ListedStatusAsync()).ShouldBe("pending");
        _time.Advance(TheRest);
        (await ListedStatusAsync()).ShouldBe("cancelled");
    }

    [Fact]
    public async Task GetOrder_WhenTheCancelTakesEffect_GetsANewEtag()
    {
        var pending = await (await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder)).ReadJsonAsync();

        _time.Advance(TimeSpan.FromSeconds(ProcessingSeconds));
        var cancelled = await _client.GetOkJsonAsync(SeedDocumentOrderUri);

        cancelled.GetProperty("attributes").GetProperty("etag").GetString()
            .ShouldNotBe(pending.GetProperty("attributes").GetProperty("etag").GetString());
    }

    [Fact]
    public async Task ListEntitlements_WhileTheCancelIsProcessed_StillListTheOrderThenNoLonger()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);

        _time.Advance(AlmostProcessed);
        var whileProcessed = await ReferencedOrdersAsync();
        _time.Advance(TheRest);
        var afterwards = await ReferencedOrdersAsync();

        whileProcessed.ShouldContain(SeedIds.ContosoReservedInstance);
        afterwards.ShouldNotContain(SeedIds.ContosoReservedInstance);
    }

    [Fact]
    public async Task ListEntitlements_ReservedInstanceWhileItsCancelIsProcessed_IsStillFulfilledWithItsReservation()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);

        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType=reservedInstance")).Items();

        var entitlement = entitlements.Single(e => e.GetProperty("referenceOrder").GetProperty("id").GetString() == SeedIds.ContosoReservedInstance);
        entitlement.GetProperty("quantityDetails")[0].GetProperty("status").GetString().ShouldBe("Fulfilled");
        entitlement.GetProperty("entitledArtifacts").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task DeleteCustomer_WhileItsCancelsAreProcessed_Answers400ActivePurchases()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);
        _time.Advance(AlmostProcessed);

        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", Cancellation);

        var description = (await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800062)).GetProperty("description").GetString()!;
        description.ShouldContain(SeedDocumentOrderAlternateId);
        description.ShouldContain(ContosoReservedInstanceAlternateId);
    }

    [Fact]
    public async Task DeleteCustomer_OnceItsCancelsHaveTakenEffect_Answers204()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);
        _time.Advance(TimeSpan.FromSeconds(ProcessingSeconds));

        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Patch_AnotherRequestIdWhileTheCancelIsProcessed_Answers409OrderInProgress()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, RequestId);

        var response = await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, "1f9e4b6a-0c2d-4e8f-a7b3-5d6c8e0f2a41");

        await response.ShouldBeErrorAsync(HttpStatusCode.Conflict, 800060);
    }

    [Fact]
    public async Task Patch_SameRequestIdWhileTheCancelIsProcessed_AnswersTheStoredAnswerAndAppliesOnce()
    {
        var first = await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, RequestId);
        var firstBody = await first.Content.ReadAsByteArrayAsync(Cancellation);
        _time.Advance(AlmostProcessed);

        var repeat = await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, RequestId);

        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await repeat.Content.ReadAsByteArrayAsync(Cancellation)).ShouldBe(firstBody);
        (await ChangesAsync(SeedIds.SeedDocumentOrder)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Changes_ForADelayedCancel_RecordItOnceAtThePatch()
    {
        var patchedAt = _time.GetUtcNow();
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, RequestId);

        _time.Advance(TimeSpan.FromSeconds(ProcessingSeconds));
        await StatusAsync();

        var change = (await ChangesAsync(SeedIds.SeedDocumentOrder)).ShouldHaveSingleItem();
        change.GetProperty("change").GetString().ShouldBe("cancel");
        change.GetProperty("appliedAt").GetDateTimeOffset().ShouldBe(patchedAt);
    }

    [Fact]
    public async Task ProvisioningStatus_WhileTheCancelIsProcessed_IsFulfilledThenUnfulfilled()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        var whileProcessed = await LineStatusesAsync();
        _time.Advance(TimeSpan.FromSeconds(ProcessingSeconds));
        var afterwards = await LineStatusesAsync();

        whileProcessed.ShouldAllBe(s => s == "fulfilled");
        afterwards.ShouldAllBe(s => s == "unfulfilled");
    }

    [Fact]
    public async Task Patch_SomeLineItems_AreCancelledAtOnce()
    {
        var response = await CancelLinesAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, 1);

        var order = await response.ReadJsonAsync();
        order.GetProperty("status").GetString().ShouldBe("completed");
        order.GetProperty("lineItems").EnumerateArray().Select(l => l.GetProperty("quantity").GetInt32()).ShouldBe([4, 0, 2]);
    }

    [Fact]
    public async Task Patch_EveryLineItem_CancelsTheOrderAtOnce()
    {
        var response = await CancelLinesAsync(SeedIds.Fabrikam, SeedIds.FabrikamSoftwareSubscription, 0, 1);

        (await response.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Fabrikam}/orders/{SeedIds.FabrikamSoftwareSubscription}");
        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task GetOrder_AfterARestartWhileTheCancelIsProcessed_ReadsPendingThenCancelled()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        await _emulator.RestartAsync();
        using var client = _emulator.CreateClient();

        (await client.GetOkJsonAsync(SeedDocumentOrderUri)).GetProperty("status").GetString().ShouldBe("pending");
        _time.Advance(TimeSpan.FromSeconds(ProcessingSeconds));
        (await client.GetOkJsonAsync(SeedDocumentOrderUri)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Patch_WithoutTheSetting_CancelsAtOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync(_time);
        using var client = emulator.CreateClient();

        var response = await client.PatchAsJsonAsync(SeedDocumentOrderUri, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, Cancellation);

        (await response.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        (await client.GetOkJsonAsync(SeedDocumentOrderUri)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    public async Task Start_ProcessingTimeOutOfRange_FailsNamingTheKey(string seconds)
    {
        var starting = RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", seconds)]);

        var thrown = await Should.ThrowAsync<OptionsValidationException>(() => starting);

        thrown.Message.ShouldContain("Emulator:CancelProcessingSeconds");
    }

    private async Task<HttpResponseMessage> CancelAsync(string customerId, string orderId, string? requestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}")
        {
            Content = JsonContent.Create(new { id = orderId, status = "cancelled" }),
        };
        if (requestId is not null)
        {
            request.Headers.Add("MS-RequestId", requestId);
        }

        return await _client.SendAsync(request, Cancellation);
    }

    private Task<HttpResponseMessage> CancelLinesAsync(string customerId, string orderId, params int[] lines) =>
        _client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}",
            new { id = orderId, status = "cancelled", lineItems = lines.Select(n => new { lineItemNumber = n }).ToArray() }, Cancellation);

    private async Task<string?> StatusAsync() =>
        (await _client.GetOkJsonAsync(SeedDocumentOrderUri)).GetProperty("status").GetString();

    private async Task<string?> ListedStatusAsync() =>
        (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders")).Items()
            .Single(o => o.GetProperty("id").GetString() == SeedIds.SeedDocumentOrder)
            .GetProperty("status").GetString();

    private async Task<List<string?>> ReferencedOrdersAsync() =>
        [.. (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements")).Items()
            .Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString())];

    private async Task<List<string?>> LineStatusesAsync() =>
        [.. (await _client.GetOkJsonAsync($"{SeedDocumentOrderUri}/provisioningstatus")).Items().Select(i => i.GetProperty("status").GetString())];

    private async Task<IReadOnlyList<JsonElement>> ChangesAsync(string orderId) =>
        [.. (await _client.GetOkJsonAsync($"emulator/changes?orderId={Uri.EscapeDataString(orderId)}")).EnumerateArray()];
}
