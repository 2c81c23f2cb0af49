// Over 300 lines: one test per call of the Refit interface against the emulator; split by call it would scatter one contract.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Refit;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>The Refit interface against the emulator: every call the dashboard makes is sent and its answer read.</summary>
public sealed class PartnerCenterApiTests : IAsyncLifetime
{
    private const string AdatumEmptyTenant = "e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a";

    private RunningEmulator _emulator = default!;
    private PartnerCenterClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = PartnerCenterClient.For(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task GetCustomersAsync_DemoSeed_ReadsTheCollection()
    {
        var response = await _client.Api.GetCustomersAsync(null, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var customers = response.Content.ShouldNotBeNull();
        customers.Items.ShouldNotBeNull().Count.ShouldBe(20);
        customers.TotalCount.ShouldBe(20);
        customers.Links.ShouldNotBeNull().Self.ShouldNotBeNull().Uri.ShouldBe("/v1/customers?size=100");
    }

    [Fact]
    public async Task GetCustomersAsync_DemoSeed_ReadsEachCompanyProfile()
    {
        var response = await _client.Api.GetCustomersAsync(null, null, Cancellation);

        var contoso = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull().Single(c => c.Id == SeedIds.Contoso);
        contoso.CompanyProfile.ShouldNotBeNull().CompanyName.ShouldBe("Contoso Sandbox Lab");
        contoso.CompanyProfile.Domain.ShouldBe("contososandboxlab.onmicrosoft.com");
        contoso.CompanyProfile.TenantId.ShouldBe(SeedIds.Contoso);
    }

    [Fact]
    public async Task GetCustomerAsync_KnownCustomer_ReadsTheCustomer()
    {
        var response = await _client.Api.GetCustomerAsync(SeedIds.Fabrikam, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var customer = response.Content.ShouldNotBeNull();
        customer.Id.ShouldBe(SeedIds.Fabrikam);
        customer.CompanyProfile.ShouldNotBeNull().CompanyName.ShouldBe("Fabrikam Test Tenant");
    }

    [Fact]
    public async Task GetOrdersAsync_Contoso_ReadsEveryOrder()
    {
        var response = await _client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var orders = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull();
        orders.Select(o => o.Id).ShouldBe(
            [SeedIds.ContosoNewCommerce, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.SeedDocumentOrder],
            ignoreOrder: true);
        orders.ShouldAllBe(o => o.ReferenceCustomerId == SeedIds.Contoso);
    }

    [Fact]
    public async Task GetOrdersAsync_Contoso_ReadsTheLineItems()
    {
        var response = await _client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var saas = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull().Single(o => o.Id == SeedIds.ContosoSaaS);
        var line = saas.LineItems.ShouldNotBeNull().ShouldHaveSingleItem();
        line.LineItemNumber.ShouldBe(0);
        line.OfferId.ShouldBe("DZH318Z0C1BV:0001:DZH318Z0C3KD");
        line.FriendlyName.ShouldBe("Contoso Cloud Backup (SaaS) - Standard");
        line.Quantity.ShouldBe(5);
        line.TermDuration.ShouldBe("P1M");
        line.SubscriptionId.ShouldBe("0c8f8a1e-6d0b-4e44-9f27-5b1f1f3a9d21");
        line.Links.ShouldNotBeNull().Product.ShouldNotBeNull().Uri.ShouldBe("/products/DZH318Z0C1BV?country=US");
    }

    [Fact]
    public async Task GetOrderAsync_SeedDocumentOrder_ReadsTheOrder()
    {
        var response = await _client.Api.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = response.Content.ShouldNotBeNull();
        order.Id.ShouldBe(SeedIds.SeedDocumentOrder);
        order.AlternateId.ShouldBe("11fc4bdfd47a");
        order.BillingCycle.ShouldBe("one_time");
        order.Status.ShouldBe("completed");
        order.TransactionType.ShouldBe("UserPurchase");
        order.CreationDate.ShouldNotBeNullOrWhiteSpace();
        order.Links.ShouldNotBeNull().PatchOperation.ShouldNotBeNull().Method.ShouldBe("PATCH");
        order.LineItems.ShouldNotBeNull().ShouldHaveSingleItem().FriendlyName.ShouldBe("Microsoft Identity Manager 2016 - 1 User CAL");
    }

    [Fact]
    public async Task PatchOrderAsync_CancelSeedDocumentOrder_ReturnsTheCancelledOrder()
    {
        var response = await _client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = response.Content.ShouldNotBeNull();
        order.Id.ShouldBe(SeedIds.SeedDocumentOrder);
        order.Status.ShouldBe("cancelled");
    }

    [Fact]
    public async Task PatchOrderAsync_RefusedCancel_ReadsNoContentAndKeepsTheErrorBody()
    {
        var response = await _client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, OrderPatchDto.Cancel(SeedIds.ContosoNewCommerce), Guid.NewGuid().ToString(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.IsSuccessful.ShouldBeFalse();
        response.Content.ShouldBeNull();
        response.Error.ShouldBeOfType<ApiException>().Content.ShouldNotBeNull().ShouldContain("800063");
    }

    [Fact]
    public async Task GetNextCustomersAsync_FollowingLinksNextFromPagesOfFive_ReadsEveryCustomerOnce()
    {
        var ids = new List<string>();
        var pages = 0;

        var page = (await _client.Api.GetCustomersAsync(5, null, Cancellation)).Content.ShouldNotBeNull();
        while (true)
        {
            pages++;
            page.Items.ShouldNotBeNull().Count.ShouldBeLessThanOrEqualTo(5);
            ids.AddRange(page.Items.Select(c => c.Id.ShouldNotBeNull()));
            if (page.Links?.Next is not { } next)
            {
                break;
            }

            pages.ShouldBeLessThan(10, "links.next never ended");
            var token = next.Headers.ShouldNotBeNull().Single(h => h.Key == PartnerCenterHeaders.ContinuationToken).Value.ShouldNotBeNull();
            var response = await _client.Api.GetNextCustomersAsync(5, token, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            page = response.Content.ShouldNotBeNull();
        }

        pages.ShouldBe(4);
        ids.Count.ShouldBe(20);
        ids.Distinct().Count().ShouldBe(20);
        ids.ShouldContain(SeedIds.Woodgrove);
    }

    [Fact]
    public async Task GetCustomersAsync_CompanyNameStartsWithFilter_ReadsOnlyTheMatchingCustomers()
    {
        var filter = """{"Field": "CompanyName", "Value": "Co", "Operator": "starts_with"}""";

        var response = await _client.Api.GetCustomersAsync(null, filter, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.ShouldNotBeNull().Items.ShouldNotBeNull()
            .Select(c => c.CompanyProfile.ShouldNotBeNull().CompanyName)
            .ShouldBe(["Coho Winery", "Consolidated Messenger", "Contoso Sandbox Lab"], ignoreOrder: true);
    }

    [Fact]
    public async Task GetOrdersAsync_BillingTypeOneTime_ReadsOnlyOneTimeOrders()
    {
        var response = await _client.Api.GetOrdersAsync(SeedIds.Contoso, "one_time", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var orders = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull();
        orders.Select(o => o.Id).ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
        orders.ShouldAllBe(o => o.BillingCycle == "one_time");
    }

    [Fact]
    public async Task GetOrderProvisioningStatusAsync_CompletedSoftwareOrder_ReadsEachLineFulfilled()
    {
        var response = await _client.Api.GetOrderProvisioningStatusAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull();
        lines.Select(l => l.LineItemNumber).ShouldBe([0, 1, 2]);
        lines.ShouldAllBe(l => l.Status == "fulfilled");
        lines.Select(l => l.QuantityProvisioningInformation.ShouldNotBeNull().Single().Quantity).ShouldBe([4, 25, 2]);
    }

    [Fact]
    public async Task GetOrderProvisioningStatusAsync_PendingOrder_ReadsPrefulfillmentPending()
    {
        var response = await _client.Api.GetOrderProvisioningStatusAsync(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance, Cancellation);

        response.Content.ShouldNotBeNull().Items.ShouldNotBeNull().ShouldHaveSingleItem().Status.ShouldBe("prefulfillmentPending");
    }

    [Fact]
    public async Task GetEntitlementsAsync_NoType_ReadsSoftwareAndReservationsWithTheirOrders()
    {
        var response = await _client.Api.GetEntitlementsAsync(SeedIds.Contoso, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entitlements = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull();
        entitlements.Select(e => (e.ReferenceOrder.ShouldNotBeNull().Id, e.EntitlementType)).ShouldBe(
            [(SeedIds.SeedDocumentOrder, "software"), (SeedIds.ContosoReservedInstance, "virtual_machine_reserved_instance")],
            ignoreOrder: true);
    }

    [Fact]
    public async Task GetEntitlementsAsync_TypeSoftware_ReadsOnlySoftware()
    {
        var response = await _client.Api.GetEntitlementsAsync(SeedIds.Contoso, "software", Cancellation);

        var entitlement = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull().ShouldHaveSingleItem();
        entitlement.EntitlementType.ShouldBe("software");
        entitlement.ProductId.ShouldBe("DG7GMGF0DWT0");
        entitlement.ReferenceOrder.ShouldNotBeNull().Id.ShouldBe(SeedIds.SeedDocumentOrder);
        entitlement.ReferenceOrder.AlternateId.ShouldBe("11fc4bdfd47a");
    }

    [Theory]
    [InlineData("DZH318Z0BQ4B", "Azure", "VirtualMachines")]
    [InlineData("DG7GMGF0DWT0", "Software", "SoftwarePerpetual")]
    [InlineData("DZH318Z0C1BV", "Azure", "SaaS")]
    public async Task GetProductAsync_CountryUs_ReadsProductTypeAndSubType(string productId, string productType, string subType)
    {
        var response = await _client.Api.GetProductAsync(productId, "US", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var product = response.Content.ShouldNotBeNull();
        product.Id.ShouldBe(productId);
        product.ProductType.ShouldNotBeNull().Id.ShouldBe(productType);
        product.ProductType.SubType.ShouldNotBeNull().Id.ShouldBe(subType);
    }

    [Fact]
    public async Task DeleteCustomerAsync_CustomerWithoutActivePurchases_AnswersNoContent()
    {
        var response = await _client.Api.DeleteCustomerAsync(AdatumEmptyTenant, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _client.Api.GetCustomerAsync(AdatumEmptyTenant, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteCustomerAsync_CustomerWithActivePurchases_FailsWithPartnerCentersErrorNamingTheOrders()
    {
        var response = await _client.Api.DeleteCustomerAsync(SeedIds.Contoso, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.Error);
        failure.ErrorCode.ShouldBe("800062");
        failure.Description.ShouldContain("11fc4bdfd47a");
        failure.Description.ShouldContain("3b7e0d1c9a42");
    }

    [Fact]
    public async Task PatchOrderAsync_CancelLines_CancelsOnlyThoseLines()
    {
        var patch = OrderPatchDto.CancelLines(SeedIds.WoodgroveSoftware, [new OrderPatchLineItemDto(1, "DG7GMGF0D3WB:0001:DG7GMGF0DM8F")]);

        var response = await _client.Api.PatchOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, patch, Guid.NewGuid().ToString(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = response.Content.ShouldNotBeNull();
        order.Status.ShouldBe("completed");
        order.LineItems.ShouldNotBeNull().Select(l => (l.LineItemNumber, l.Quantity)).ShouldBe([(0, 4), (1, 0), (2, 2)]);
        var readBack = (await _client.Api.GetOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, Cancellation)).Content.ShouldNotBeNull();
        readBack.LineItems.ShouldNotBeNull().Select(l => l.Quantity).ShouldBe([4, 0, 2]);
    }

    [Fact]
    public async Task PatchOrderAsync_SentTwiceWithTheSameRequestId_IsAppliedOnce()
    {
        var requestId = Guid.NewGuid().ToString();
        var patch = OrderPatchDto.CancelLines(SeedIds.WoodgroveSoftware, [new OrderPatchLineItemDto(2, "DG7GMGF0DVSV:0002:DG7GMGF0DT4Z")]);

        var first = await _client.Api.PatchOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, patch, requestId, Cancellation);
        var again = await _client.Api.PatchOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, patch, requestId, Cancellation);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = _emulator.CreateClient();
        var changes = await admin.GetFromJsonAsync<JsonElement>($"emulator/changes?orderId={SeedIds.WoodgroveSoftware}", Cancellation);
        var change = changes.EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("requestId").GetString().ShouldBe(requestId);
    }

    [Fact]
    public async Task PatchOrderAsync_RequestIdGiven_IsTheRequestIdTheServerReceives()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, $$"""{"id": "{{SeedIds.WoodgroveSoftware}}"}"""));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        const string RequestId = "0b9c3f5e-8d7a-4e21-9f6b-3c2d1e0a9b8c";

        await client.Api.PatchOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, OrderPatchDto.Cancel(SeedIds.WoodgroveSoftware), RequestId, Cancellation);

        server.Requests.ShouldHaveSingleItem().Header(PartnerCenterHeaders.RequestId).ShouldBe(RequestId);
    }
}
