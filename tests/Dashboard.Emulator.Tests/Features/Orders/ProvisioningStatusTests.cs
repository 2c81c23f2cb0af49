using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Orders;

/// <summary>
/// <c>GET .../orders/{id}/provisioningstatus</c> (docs/partner-center.md#order-provisioning-status,
/// docs/partner-center.md#provisioning-status-values): one status per line item, App+User tokens only.
/// The emulator reads app-only from an opaque token starting "app-only", or from a JWT's <c>idtyp: app</c> or
/// <c>roles</c> without <c>scp</c>. Reads share one demo sandbox; the test that cancels starts its own.
/// </summary>
public sealed class ProvisioningStatusTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private const string PartnerTenant = "5c7d1a2e-2d3f-4e5a-8b9c-0d1e2f3a4b5c";
    private static readonly string[] ApplicationRoles = ["Partner.ReadWrite.All"];

    private readonly RunningEmulator _emulator = sandbox.Emulator;
    private readonly HttpClient _client = sandbox.Client;

    [Fact]
    public async Task ProvisioningStatus_AppAndUserToken_AnswersACollectionWithOneStatusPerLineItem()
    {
        var response = await _client.GetAsync(Uri(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().ShouldContain("totalCount");
        body.PropertyNames().ShouldContain("items");
        body.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
        var items = body.Items();
        body.GetProperty("totalCount").GetInt32().ShouldBe(3);
        items.Select(i => i.GetProperty("lineItemNumber").GetInt32()).ShouldBe([0, 1, 2]);
        foreach (var item in items)
        {
            item.PropertyNames().ShouldBe(["orderLineItemId", "lineItemNumber", "status", "quantityProvisioningInformation"]);
            item.GetProperty("orderLineItemId").ValueKind.ShouldBe(JsonValueKind.Number);
            item.GetProperty("lineItemNumber").ValueKind.ShouldBe(JsonValueKind.Number);
            item.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.String);
            var quantity = item.GetProperty("quantityProvisioningInformation").EnumerateArray().ShouldHaveSingleItem();
            quantity.PropertyNames().ShouldBe(["quantity", "status"]);
            quantity.GetProperty("quantity").ValueKind.ShouldBe(JsonValueKind.Number);
            quantity.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.String);
        }
    }

    [Fact]
    public async Task ProvisioningStatus_CompletedOrder_IsFulfilled()
    {
        var items = (await _client.GetOkJsonAsync(Uri(SeedIds.Contoso, SeedIds.SeedDocumentOrder))).Items();

        Statuses(items).ShouldBe(["fulfilled"]);
        QuantityStatuses(items).ShouldBe(["fulfilled"]);
    }

    [Fact]
    public async Task ProvisioningStatus_PendingOrder_IsPrefulfillmentPending()
    {
        var items = (await _client.GetOkJsonAsync(Uri(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance))).Items();

        Statuses(items).ShouldBe(["prefulfillmentPending"]);
        QuantityStatuses(items).ShouldBe(["prefulfillmentPending"]);
    }

    [Fact]
    public async Task ProvisioningStatus_CancelledOrder_IsUnfulfilled()
    {
        var items = (await _client.GetOkJsonAsync(Uri(SeedIds.Northwind, SeedIds.NorthwindCancelledReservedInstance))).Items();

        Statuses(items).ShouldBe(["unfulfilled"]);
        QuantityStatuses(items).ShouldBe(["unfulfilled"]);
    }

    [Fact]
    public async Task ProvisioningStatus_LinesCancelledByAPartialCancel_AreUnfulfilled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}",
            new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 1 } } },
            TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);

        var items = (await client.GetOkJsonAsync(Uri(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware))).Items();

        Statuses(items).ShouldBe(["fulfilled", "unfulfilled", "fulfilled"]);
    }

    [Fact]
    public async Task ProvisioningStatus_OpaqueAppOnlyToken_Answers403AppAndUserOnly()
    {
        var response = await GetWithTokenAsync(TestTokens.OpaqueAppOnly);

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, 900123);
    }

    [Fact]
    public async Task ProvisioningStatus_JwtWithAppIdentityType_Answers403AppAndUserOnly()
    {
        var token = TestTokens.Jwt(new Dictionary<string, object> { ["tid"] = PartnerTenant, ["idtyp"] = "app" });

        var response = await GetWithTokenAsync(token);

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, 900123);
    }

    [Fact]
    public async Task ProvisioningStatus_JwtWithRolesAndNoScope_Answers403AppAndUserOnly()
    {
        var token = TestTokens.Jwt(new Dictionary<string, object> { ["tid"] = PartnerTenant, ["roles"] = ApplicationRoles });

        var response = await GetWithTokenAsync(token);

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, 900123);
    }

    [Fact]
    public async Task ProvisioningStatus_JwtWithScope_IsAppAndUserAndAnswersTheStatuses()
    {
        var token = TestTokens.Jwt(new Dictionary<string, object>
        {
            ["tid"] = PartnerTenant,
            ["scp"] = "user_impersonation",
            ["roles"] = ApplicationRoles,
        });

        var response = await GetWithTokenAsync(token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Statuses((await response.ReadJsonAsync()).Items()).ShouldBe(["fulfilled"]);
    }

    [Fact]
    public async Task ProvisioningStatus_UnknownOrder_Answers404OrderIdNotFound()
    {
        var response = await _client.GetAsync(Uri(SeedIds.Contoso, "doesNotExist1"), TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 20000);
    }

    private static string Uri(string customerId, string orderId) => $"v1/customers/{customerId}/orders/{orderId}/provisioningstatus";

    private static List<string> Statuses(IReadOnlyList<JsonElement> items) => [.. items.Select(i => i.GetProperty("status").GetString()!)];

    private static List<string> QuantityStatuses(IReadOnlyList<JsonElement> items) =>
        [.. items.SelectMany(i => i.GetProperty("quantityProvisioningInformation").EnumerateArray()).Select(q => q.GetProperty("status").GetString()!)];

    private async Task<HttpResponseMessage> GetWithTokenAsync(string token)
    {
        using var client = _emulator.CreateClient(token);
        return await client.GetAsync(Uri(SeedIds.Contoso, SeedIds.SeedDocumentOrder), TestContext.Current.CancellationToken);
    }
}
