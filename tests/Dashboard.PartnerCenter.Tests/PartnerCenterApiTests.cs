using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Refit;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>The Refit interface against the emulator: every call the dashboard makes is sent and its answer read.</summary>
public sealed class PartnerCenterApiTests : IAsyncLifetime
{
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
}
