using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Entitlements;

/// <summary>
/// <c>GET /v1/customers/{id}/entitlements</c> (docs/partner-center.md#entitlements,
/// docs/partner-center.md#sandbox-clean-up): what active reserved-instance and software lines gave the customer, each
/// pointing back to its order through <c>referenceOrder</c>, which the sandbox clean-up walks.
/// Reads share one demo sandbox; tests that cancel start their own.
/// </summary>
public sealed class EntitlementEndpointsTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private const string ReservedInstance = "virtual_machine_reserved_instance";

    private readonly HttpClient _client = sandbox.Client;

    [Fact]
    public async Task ListEntitlements_EveryDemoCustomer_CoversExactlyTheActiveReservedInstanceAndSoftwareLines()
    {
        var productTypes = new Dictionary<string, string>();
        foreach (var customer in (await _client.GetOkJsonAsync("v1/customers")).Items())
        {
            var customerId = customer.GetProperty("id").GetString()!;
            var expected = new List<string>();
            foreach (var order in (await _client.GetOkJsonAsync($"v1/customers/{customerId}/orders")).Items())
            {
                if (order.GetProperty("status").GetString() == "cancelled")
                {
                    continue;
                }

                foreach (var line in order.GetProperty("lineItems").EnumerateArray())
                {
                    var type = await ProductTypeAsync(line.GetProperty("offerId").GetString()!.Split(':')[0], productTypes);
                    if (line.GetProperty("quantity").GetInt32() > 0 && type is "Azure/VirtualMachines" or "Software/SoftwarePerpetual" or "Software/SoftwareSubscriptions")
                    {
                        expected.Add($"{order.GetProperty("id").GetString()}#{line.GetProperty("lineItemNumber").GetInt32()}");
                    }
                }
            }

            var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{customerId}/entitlements")).Items();

            entitlements.Select(Reference).ShouldBe(expected, ignoreOrder: true, customMessage: customer.GetProperty("companyProfile").GetProperty("companyName").GetString());
        }
    }

    [Fact]
    public async Task ListEntitlements_CustomerWithSaaSAndNewCommerce_ListsOnlyItsReservedInstanceAndSoftwareOrders()
    {
        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements")).Items();

        entitlements.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString())
            .ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
    }

    [Fact]
    public async Task ListEntitlements_CustomerWithAzurePlanNewCommerceAndACancelledReservation_IsEmpty()
    {
        var body = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Northwind}/entitlements");

        body.Items().ShouldBeEmpty();
        body.GetProperty("totalCount").GetInt32().ShouldBe(0);
        body.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
    }

    [Fact]
    public async Task ListEntitlements_EachItem_ReferencesARealOrderLine()
    {
        foreach (var customerId in new[] { SeedIds.Contoso, SeedIds.Fabrikam, SeedIds.Woodgrove })
        {
            var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{customerId}/entitlements")).Items();
            entitlements.ShouldNotBeEmpty();
            foreach (var entitlement in entitlements)
            {
                var reference = entitlement.GetProperty("referenceOrder");
                reference.PropertyNames().ShouldBe(["id", "lineItemId", "alternateId"]);
                reference.GetProperty("lineItemId").ValueKind.ShouldBe(JsonValueKind.String);

                var order = await _client.GetOkJsonAsync($"v1/customers/{customerId}/orders/{reference.GetProperty("id").GetString()}");

                order.GetProperty("alternateId").GetString().ShouldBe(reference.GetProperty("alternateId").GetString());
                var lineNumber = int.Parse(reference.GetProperty("lineItemId").GetString()!, CultureInfo.InvariantCulture);
                var line = order.GetProperty("lineItems").EnumerateArray().Single(l => l.GetProperty("lineItemNumber").GetInt32() == lineNumber);
                var offer = line.GetProperty("offerId").GetString()!.Split(':');
                entitlement.GetProperty("productId").GetString().ShouldBe(offer[0]);
                entitlement.GetProperty("skuId").GetString().ShouldBe(offer[1]);
                entitlement.GetProperty("quantity").GetInt32().ShouldBe(line.GetProperty("quantity").GetInt32());
            }
        }
    }

    [Theory]
    [InlineData("software")]
    [InlineData("Software")]
    public async Task ListEntitlements_TypeSoftware_AnswersOnlySoftware(string entitlementType)
    {
        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType={entitlementType}")).Items();

        entitlements.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString()).ShouldBe([SeedIds.SeedDocumentOrder]);
        entitlements.ShouldAllBe(e => e.GetProperty("entitlementType").GetString() == "software");
    }

    [Theory]
    [InlineData("reservedInstance")]
    [InlineData("reservedinstance")]
    public async Task ListEntitlements_TypeReservedInstance_AnswersOnlyReservedInstances(string entitlementType)
    {
        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType={entitlementType}")).Items();

        entitlements.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString()).ShouldBe([SeedIds.ContosoReservedInstance]);
        entitlements.ShouldAllBe(e => e.GetProperty("entitlementType").GetString() == ReservedInstance);
    }

    [Fact]
    public async Task ListEntitlements_ReservedInstance_HasQuantityDetailsAndAnEntitledArtifact()
    {
        var entitlement = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType=reservedInstance")).Items().ShouldHaveSingleItem();

        entitlement.PropertyNames().ShouldBe(
            ["includedEntitlements", "referenceOrder", "productId", "quantity", "quantityDetails", "entitledArtifacts", "skuId", "entitlementType"],
            ignoreOrder: true);
        entitlement.GetProperty("entitlementType").GetString().ShouldBe(ReservedInstance);
        entitlement.GetProperty("includedEntitlements").ValueKind.ShouldBe(JsonValueKind.Array);
        entitlement.GetProperty("quantity").ValueKind.ShouldBe(JsonValueKind.Number);
        var detail = entitlement.GetProperty("quantityDetails").EnumerateArray().ShouldHaveSingleItem();
        detail.PropertyNames().ShouldBe(["quantity", "status"]);
        detail.GetProperty("quantity").GetInt32().ShouldBe(entitlement.GetProperty("quantity").GetInt32());
        detail.GetProperty("status").GetString().ShouldBe("Fulfilled");
        var artifact = entitlement.GetProperty("entitledArtifacts").EnumerateArray().ShouldHaveSingleItem();
        artifact.PropertyNames().ShouldBe(["link", "resourceId", "artifactType"]);
        artifact.GetProperty("artifactType").GetString().ShouldBe(ReservedInstance);
        var resourceId = artifact.GetProperty("resourceId").GetString()!;
        Guid.TryParse(resourceId, out _).ShouldBeTrue();
        var link = artifact.GetProperty("link");
        link.PropertyNames().ShouldBe(["uri", "method", "headers"]);
        link.GetProperty("method").GetString().ShouldBe("GET");
        link.GetProperty("uri").GetString()!.ShouldStartWith($"/customers/{SeedIds.Contoso}/artifacts/virtualmachinereservedinstance/");
        link.GetProperty("uri").GetString()!.ShouldEndWith($"/resource/{resourceId}");
    }

    [Fact]
    public async Task ListEntitlements_Software_HasNoArtifactsAndNoQuantityDetails()
    {
        var entitlement = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType=software")).Items().ShouldHaveSingleItem();

        entitlement.PropertyNames().ShouldBe(
            ["includedEntitlements", "referenceOrder", "productId", "quantity", "entitledArtifacts", "skuId", "entitlementType"],
            ignoreOrder: true);
        entitlement.GetProperty("entitlementType").GetString().ShouldBe("software");
        entitlement.GetProperty("entitledArtifacts").ValueKind.ShouldBe(JsonValueKind.Array);
        entitlement.GetProperty("entitledArtifacts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ListEntitlements_ShowExpiry_AddsTheTermEndToSoftwareSubscriptionsOnly()
    {
        var subscription = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Fabrikam}/orders/{SeedIds.FabrikamSoftwareSubscription}");
        var created = DateTimeOffset.Parse(subscription.GetProperty("creationDate").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.Date;

        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Fabrikam}/entitlements?showExpiry=true")).Items();

        var withExpiry = entitlements.Where(e => e.TryGetProperty("expiryDate", out _)).ToList();
        withExpiry.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString()).ShouldBe([SeedIds.FabrikamSoftwareSubscription, SeedIds.FabrikamSoftwareSubscription]);
        foreach (var entitlement in withExpiry)
        {
            // Both lines are three-year terms (P3Y).
            entitlement.GetProperty("expiryDate").GetString().ShouldBe(created.AddYears(3).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture));
        }

        entitlements.Count.ShouldBeGreaterThan(withExpiry.Count);
    }

    [Fact]
    public async Task ListEntitlements_WithoutShowExpiry_HasNoExpiryDate()
    {
        var entitlements = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Fabrikam}/entitlements")).Items();

        entitlements.ShouldNotBeEmpty();
        foreach (var entitlement in entitlements)
        {
            entitlement.PropertyNames().ShouldNotContain("expiryDate");
        }
    }

    [Theory]
    [InlineData("license")]
    [InlineData("virtual_machine_reserved_instance")]
    public async Task ListEntitlements_UnknownType_Answers400InvalidRequestInput(string entitlementType)
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}/entitlements?entitlementType={entitlementType}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task ListEntitlements_UnknownCustomer_Answers404TenantNotFound()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.UnknownCustomer}/entitlements", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Fact]
    public async Task ListEntitlements_AfterCancellingAnOrder_LeavesItsEntitlementsOut()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);

        var entitlements = (await client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/entitlements")).Items();

        entitlements.Select(e => e.GetProperty("referenceOrder").GetProperty("id").GetString()).ShouldBe([SeedIds.ContosoReservedInstance]);
    }

    [Fact]
    public async Task ListEntitlements_AfterCancellingSomeLines_LeavesThoseZeroQuantityLinesOut()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}",
            new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 1 } } },
            TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);

        var entitlements = (await client.GetOkJsonAsync($"v1/customers/{SeedIds.Woodgrove}/entitlements")).Items();

        entitlements.Where(e => e.GetProperty("referenceOrder").GetProperty("id").GetString() == SeedIds.WoodgroveSoftware)
            .Select(e => e.GetProperty("referenceOrder").GetProperty("lineItemId").GetString())
            .ShouldBe(["0", "2"], ignoreOrder: true);
    }

    private static string Reference(JsonElement entitlement)
    {
        var reference = entitlement.GetProperty("referenceOrder");
        return $"{reference.GetProperty("id").GetString()}#{reference.GetProperty("lineItemId").GetString()}";
    }

    private async Task<string> ProductTypeAsync(string productId, Dictionary<string, string> known)
    {
        if (!known.TryGetValue(productId, out var type))
        {
            var productType = (await _client.GetOkJsonAsync($"v1/products/{productId}?country=US")).GetProperty("productType");
            type = productType.TryGetProperty("subType", out var subType)
                ? $"{productType.GetProperty("id").GetString()}/{subType.GetProperty("id").GetString()}"
                : productType.GetProperty("id").GetString()!;
            known[productId] = type;
        }

        return type;
    }

    [Fact]
    public async Task ListEntitlements_ShowExpiryNotABoolean_Answers400InvalidRequestInput()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Fabrikam}/entitlements?showExpiry=maybe", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }
}
