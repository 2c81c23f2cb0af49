using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.AuditRecords;

/// <summary>
/// The emulator keeps Partner Center's audit records of the changes it applies (docs/partner-center.md#audit-records):
/// one <c>update_order</c> per cancel applied, one <c>delete_customer</c> per sandbox delete, none for a refusal or a
/// replay of the same <c>MS-RequestId</c>. Each test gets a fresh sandbox.
/// </summary>
public sealed class AuditRecordingTests : IAsyncLifetime
{
    private const string RequestId = "3c9d7e21-5b0a-4f6e-8d14-2a7c9e0b5f31";
    private const string CorrelationId = "a1f0c2d3-4e5b-4c6d-8e7f-901a2b3c4d5e";

    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

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
    public async Task Patch_CancelApplied_RecordsOneUpdateOrderWithTheRequestsCorrelationIdAndTheOrderId()
    {
        (await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var record = (await AuditRecordsAsync()).ShouldHaveSingleItem();
        record.GetProperty("operationType").GetString().ShouldBe("update_order");
        record.GetProperty("resourceType").GetString().ShouldBe("order");
        record.GetProperty("operationStatus").GetString().ShouldBe("succeeded");
        record.GetProperty("originalCorrelationId").GetString().ShouldBe(CorrelationId);
        record.GetProperty("customerId").GetString().ShouldBe(SeedIds.Contoso);
        record.GetProperty("customerName").GetString().ShouldBe("Contoso Sandbox Lab");
        Data(record)["OrderId"].ShouldBe(SeedIds.SeedDocumentOrder);
        Data(record)["Status"].ShouldBe("cancelled");
    }

    [Fact]
    public async Task Patch_CancelApplied_HoldsTheOrderBeforeAndAfterAsJsonStrings()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        var record = (await AuditRecordsAsync()).ShouldHaveSingleItem();
        using var before = JsonDocument.Parse(record.GetProperty("resourceOldValue").GetString()!);
        using var after = JsonDocument.Parse(record.GetProperty("resourceNewValue").GetString()!);
        before.RootElement.GetProperty("Id").GetString().ShouldBe(SeedIds.SeedDocumentOrder);
        before.RootElement.GetProperty("Status").GetString().ShouldBe("completed");
        after.RootElement.GetProperty("Status").GetString().ShouldBe("cancelled");
        after.RootElement.GetProperty("Attributes").GetProperty("ObjectType").GetString().ShouldBe("Order");
    }

    [Fact]
    public async Task Patch_CancelOfSomeLines_RecordsTheCancelledLinesAtQuantityZero()
    {
        var lines = new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 1 } } };
        (await PatchAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, lines, RequestId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var data = Data((await AuditRecordsAsync()).ShouldHaveSingleItem());
        data["OrderId"].ShouldBe(SeedIds.WoodgroveSoftware);
        data["Quantity-1"].ShouldBe("0");
        data["Quantity-0"].ShouldNotBe("0");
        data["Status"].ShouldBe("completed");
    }

    [Fact]
    public async Task Patch_ReplayedWithTheSameRequestId_RecordsNothingMore()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        var replay = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditRecordsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Patch_AppliedBeforeItsAnswerWasLost_IsRecordedOnce()
    {
        var path = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";
        await _emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("PATCH", path, "error503AfterApplying") } }, Cancellation);
        (await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        var resent = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditRecordsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Patch_Refused_RecordsNothing()
    {
        var refused = await PatchAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancel(SeedIds.ContosoNewCommerce), RequestId);

        await refused.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800063);
        (await AuditRecordsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Patch_AlreadyCancelled_RecordsNothingMore()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        var again = await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString());

        await again.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800061);
        (await AuditRecordsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Delete_Applied_RecordsDeleteCustomerWithTheDeletedCustomer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v1/customers/{SeedIds.Adatum}");
        request.Headers.Add("MS-CorrelationId", CorrelationId);
        (await _client.SendAsync(request, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var record = (await AuditRecordsAsync()).ShouldHaveSingleItem();
        record.GetProperty("operationType").GetString().ShouldBe("delete_customer");
        record.GetProperty("resourceType").GetString().ShouldBe("customer");
        record.GetProperty("customerId").GetString().ShouldBe(SeedIds.Adatum);
        record.GetProperty("customerName").GetString().ShouldBe("Adatum Empty Tenant");
        record.GetProperty("originalCorrelationId").GetString().ShouldBe(CorrelationId);
        using var customer = JsonDocument.Parse(record.GetProperty("resourceNewValue").GetString()!);
        customer.RootElement.GetProperty("Id").GetString().ShouldBe(SeedIds.Adatum);
    }

    [Fact]
    public async Task Delete_RepeatedAfterItWasApplied_RecordsNothingMore()
    {
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var repeat = await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", Cancellation);

        await repeat.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
        (await AuditRecordsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Delete_RefusedForActivePurchases_RecordsNothing()
    {
        var refused = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", Cancellation);

        await refused.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800062);
        (await AuditRecordsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_TokenNamingAUserAndAnApplication_NamesThem()
    {
        var token = TestTokens.Jwt(new Dictionary<string, object>
        {
            ["tid"] = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            ["scp"] = "user_impersonation",
            ["upn"] = "ops@contoso-partner.onmicrosoft.com",
            ["appid"] = "6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908",
        });
        using var client = _emulator.CreateClient(token);

        (await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}", Cancel(SeedIds.SeedDocumentOrder), Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var record = (await AuditRecordsAsync()).ShouldHaveSingleItem();
        record.GetProperty("userPrincipalName").GetString().ShouldBe("ops@contoso-partner.onmicrosoft.com");
        record.GetProperty("applicationId").GetString().ShouldBe("6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908");
        record.GetProperty("partnerId").GetString().ShouldBe("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
        record.GetProperty("id").GetString().ShouldStartWith("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e_");
    }

    [Fact]
    public async Task Record_OpaqueToken_NamesTheSandboxUserAndApplication()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        var record = (await AuditRecordsAsync()).ShouldHaveSingleItem();
        record.GetProperty("userPrincipalName").GetString().ShouldBe("sandbox.admin@sandboxpartner.onmicrosoft.com");
        Guid.TryParse(record.GetProperty("applicationId").GetString(), out _).ShouldBeTrue();
        Guid.TryParse(record.GetProperty("partnerId").GetString(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Reset_EmptiesTheAuditRecords()
    {
        await PatchAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancel(SeedIds.SeedDocumentOrder), RequestId);

        await _emulator.ResetAsync(null, Cancellation);

        (await AuditRecordsAsync()).ShouldBeEmpty();
    }

    private static object Cancel(string orderId) => new { id = orderId, status = "cancelled" };

    private async Task<HttpResponseMessage> PatchAsync(string customerId, string orderId, object body, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("MS-RequestId", requestId);
        request.Headers.Add("MS-CorrelationId", CorrelationId);
        return await _client.SendAsync(request, Cancellation);
    }

    private async Task<IReadOnlyList<JsonElement>> AuditRecordsAsync() => (await _client.GetOkJsonAsync("v1/auditrecords")).Items();

    private static Dictionary<string, string?> Data(JsonElement record) =>
        record.GetProperty("customizedData").EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!, d => d.GetProperty("value").GetString());
}
