using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Orders;

public sealed class OrderEndpointsTests : IAsyncLifetime
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
    public async Task ListOrders_KnownCustomer_AnswersTheCustomersOrdersNewestFirst()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}/orders", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
        body.GetProperty("links").GetProperty("self").GetProperty("uri").GetString().ShouldBe($"/customers/{SeedIds.Contoso}/orders");
        var orders = body.GetProperty("items").EnumerateArray().ToList();
        body.GetProperty("totalCount").GetInt32().ShouldBe(orders.Count);
        orders.Count.ShouldBe(4);
        orders.ShouldAllBe(o => o.GetProperty("referenceCustomerId").GetString() == SeedIds.Contoso);
        var created = orders.Select(o => DateTimeOffset.Parse(o.GetProperty("creationDate").GetString()!, CultureInfo.InvariantCulture)).ToList();
        created.ShouldBe(created.OrderByDescending(d => d).ToList());
    }

    [Fact]
    public async Task ListOrders_CustomerWithoutOrders_AnswersAnEmptyCollection()
    {
        var body = await (await _client.GetAsync("v1/customers/e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a/orders", TestContext.Current.CancellationToken)).ReadJsonAsync();

        body.GetProperty("totalCount").GetInt32().ShouldBe(0);
        body.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ListOrders_UnknownCustomer_Answers404TenantNotFound()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.UnknownCustomer}/orders", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Fact]
    public async Task GetOrder_SeedDocumentOrder_HasThePublishedShape()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await response.ReadJsonAsync();
        order.PropertyNames().ShouldBe([
            "id", "alternateId", "referenceCustomerId", "billingCycle", "currencyCode", "currencySymbol", "lineItems",
            "creationDate", "status", "transactionType", "links", "client", "attributes"]);
        order.GetProperty("id").GetString().ShouldBe(SeedIds.SeedDocumentOrder);
        order.GetProperty("alternateId").GetString().ShouldBe("11fc4bdfd47a");
        order.GetProperty("billingCycle").GetString().ShouldBe("one_time");
        order.GetProperty("status").GetString().ShouldBe("completed");
        order.GetProperty("transactionType").GetString().ShouldBe("UserPurchase");
        order.GetProperty("creationDate").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$");
        order.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Order");
        order.GetProperty("attributes").GetProperty("etag").GetString().ShouldNotBeNullOrEmpty();
        order.GetProperty("client").GetProperty("name").GetString().ShouldBe("Partner Center API");

        var line = order.GetProperty("lineItems").EnumerateArray().Single();
        line.PropertyNames().ShouldBe(["lineItemNumber", "offerId", "termDuration", "transactionType", "friendlyName", "quantity", "links"]);
        line.GetProperty("lineItemNumber").ValueKind.ShouldBe(JsonValueKind.Number);
        line.GetProperty("offerId").GetString().ShouldBe("DG7GMGF0DWT0:0001:DG7GMGF0DSQR");
        line.GetProperty("friendlyName").GetString().ShouldBe("Microsoft Identity Manager 2016 - 1 User CAL");
        line.GetProperty("links").PropertyNames().ShouldBe(["product", "sku", "availability"]);
        var product = line.GetProperty("links").GetProperty("product");
        product.GetProperty("uri").GetString().ShouldBe("/products/DG7GMGF0DWT0?country=US");
        product.GetProperty("method").GetString().ShouldBe("GET");
        product.GetProperty("headers").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task GetOrder_UnknownOrder_Answers404OrderIdNotFound()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}/orders/doesNotExist1", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 20000);
    }

    [Fact]
    public async Task GetOrder_OrderOfAnotherCustomer_Answers404OrderIdNotFound()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Fabrikam}/orders/{SeedIds.SeedDocumentOrder}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 20000);
    }
}
