using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Emulator.Tests.Features.Orders;

public sealed class CancelOrderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(_time);
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Patch_CancelledStatus_Answers200WithTheCancelledOrder()
    {
        var response = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await response.ReadJsonAsync();
        order.GetProperty("id").GetString().ShouldBe(SeedIds.SeedDocumentOrder);
        order.GetProperty("status").GetString().ShouldBe("cancelled");
        order.GetProperty("lineItems")[0].GetProperty("quantity").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Patch_CancelledStatus_IsWhatLaterReadsSee()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" });

        var order = await (await _client.GetAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}", TestContext.Current.CancellationToken)).ReadJsonAsync();

        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Patch_PascalCaseBodyAsTheSdkSendsIt_IsAccepted()
    {
        var response = await PatchRawAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance,
            $$"""{"Id": "{{SeedIds.ContosoReservedInstance}}", "Status": "Cancelled"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Patch_BodyIdIsTheAlternateId_IsAccepted()
    {
        var response = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = "11fc4bdfd47a", status = "cancelled" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_BodyIdOfAnotherOrder_Answers400InvalidProperty()
    {
        var response = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = SeedIds.ContosoReservedInstance, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 3000);
    }

    [Theory]
    [InlineData("""{"id": "x", "status": "completed"}""")]
    [InlineData("""{"id": "x"}""")]
    [InlineData("""["cancelled"]""")]
    public async Task Patch_NotACancel_Answers400InvalidRequestInput(string body)
    {
        var response = await PatchRawAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Patch_MalformedJson_Answers400InvalidRequestInput()
    {
        var response = await PatchRawAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, """{"id": "x", "status": "cancelled",""");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Patch_UnknownOrder_Answers404OrderIdNotFound()
    {
        var response = await PatchAsync(SeedIds.Contoso, "doesNotExist1", new { id = "doesNotExist1", status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 20000);
    }

    [Fact]
    public async Task Patch_NewCommerceOrder_Answers400UseTheSubscription()
    {
        var response = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, new { id = SeedIds.ContosoNewCommerce, status = "cancelled" });

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800063);
        error.GetProperty("description").GetString()!.ShouldContain($"/customers/{SeedIds.Contoso}/subscriptions/");
    }

    [Fact]
    public async Task Patch_AzurePlanOrder_Answers400UseTheSubscription()
    {
        var response = await PatchAsync(SeedIds.Northwind, SeedIds.NorthwindAzurePlan, new { id = SeedIds.NorthwindAzurePlan, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800063);
    }

    [Fact]
    public async Task Patch_SeatBasedSaaSOrder_Answers403PatchTheSubscription()
    {
        var response = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoSaaS, new { id = SeedIds.ContosoSaaS, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, 800077);
    }

    [Fact]
    public async Task Patch_OrderOlderThanSixtyDays_Answers400CancellationWindowPassed()
    {
        var response = await PatchAsync(SeedIds.Fabrikam, SeedIds.FabrikamOldSoftware, new { id = SeedIds.FabrikamOldSoftware, status = "cancelled" });

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 900117);
        error.GetProperty("description").GetString()!.ShouldContain("60-day");
    }

    [Fact]
    public async Task Patch_OrderThatTurnsSixtyOneDaysOld_IsNoLongerCancellable()
    {
        _time.Advance(TimeSpan.FromDays(49)); // the seed document's order was placed 12 days before the seed

        var response = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 900117);
    }

    [Fact]
    public async Task Patch_PendingOrder_Answers409OrderInProgress()
    {
        var response = await PatchAsync(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance, new { id = SeedIds.FabrikamPendingReservedInstance, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.Conflict, 800060);
    }

    [Fact]
    public async Task Patch_AlreadyCancelledOrder_Answers400OrderCannotBeCancelled()
    {
        var response = await PatchAsync(SeedIds.Northwind, SeedIds.NorthwindCancelledReservedInstance, new { id = SeedIds.NorthwindCancelledReservedInstance, status = "cancelled" });

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800061);
    }

    [Fact]
    public async Task Patch_SomeLineItems_ZeroesThoseLinesAndKeepsTheOrderCompleted()
    {
        var response = await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware,
            new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 1 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await response.ReadJsonAsync();
        order.GetProperty("status").GetString().ShouldBe("completed");
        var quantities = order.GetProperty("lineItems").EnumerateArray().Select(l => l.GetProperty("quantity").GetInt32()).ToList();
        quantities.ShouldBe([4, 0, 2]);
    }

    [Fact]
    public async Task Patch_EveryLineItem_CancelsTheOrder()
    {
        var response = await PatchAsync(SeedIds.Fabrikam, SeedIds.FabrikamSoftwareSubscription,
            new { id = SeedIds.FabrikamSoftwareSubscription, status = "cancelled", lineItems = new[] { new { lineItemNumber = 0 }, new { lineItemNumber = 1 } } });

        var order = await response.ReadJsonAsync();
        order.GetProperty("status").GetString().ShouldBe("cancelled");
        order.GetProperty("lineItems").EnumerateArray().ShouldAllBe(l => l.GetProperty("quantity").GetInt32() == 0);
    }

    [Fact]
    public async Task Patch_LineItemNumberOutOfRange_Answers400LineItemNumber()
    {
        var response = await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware,
            new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 7 } } });

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800071);
    }

    [Fact]
    public async Task Patch_Cancel_ChangesTheOrdersEtag()
    {
        var before = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");

        var response = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        var etag = after.GetProperty("attributes").GetProperty("etag").GetString();
        etag.ShouldNotBeNullOrEmpty();
        etag.ShouldNotBe(before.GetProperty("attributes").GetProperty("etag").GetString());
        (await response.ReadJsonAsync()).GetProperty("attributes").GetProperty("etag").GetString().ShouldBe(etag);
    }

    [Fact]
    public async Task Patch_WithOrWithoutContractVersionHeader_GetsTheSameAnswer()
    {
        // A second sandbox on the same clock, so that both hold the same orders with the same dates.
        await using var other = await RunningEmulator.StartAsync(_time);
        using var otherClient = other.CreateClient();
        var body = $$"""{"id": "{{SeedIds.SeedDocumentOrder}}", "status": "cancelled"}""";
        using var withHeader = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        withHeader.Headers.Add("MS-Contract-Version", "v1");

        var answered = await _client.SendAsync(withHeader, TestContext.Current.CancellationToken);
        var answeredWithout = await PatchRawAsync(otherClient, SeedIds.Contoso, SeedIds.SeedDocumentOrder, body);

        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        answeredWithout.StatusCode.ShouldBe(answered.StatusCode);
        (await answeredWithout.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe(await answered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private Task<HttpResponseMessage> PatchAsync(string customerId, string orderId, object body) =>
        _client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}", body, TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> PatchRawAsync(string customerId, string orderId, string body) =>
        PatchRawAsync(_client, customerId, orderId, body);

    private static Task<HttpResponseMessage> PatchRawAsync(HttpClient client, string customerId, string orderId, string body) =>
        client.PatchAsync($"v1/customers/{customerId}/orders/{orderId}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}
