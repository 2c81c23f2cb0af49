using System.Net;
using System.Text.Json;

namespace Dashboard.Emulator.Tests.Features.Products;

/// <summary>
/// <c>GET /v1/products/{id}?country=US</c> (docs/partner-center.md#product-kinds): every product the sandbox's orders
/// reference, with the <c>productType</c> a client classifies orders by. Only reads, so the class shares one demo
/// sandbox.
/// </summary>
public sealed class ProductEndpointsTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private readonly HttpClient _client = sandbox.Client;

    [Fact]
    public async Task GetProduct_ReservedInstance_HasThePublishedShape()
    {
        var response = await _client.GetAsync("v1/products/DZH318Z0BQ4B?country=US", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var product = await response.ReadJsonAsync();
        product.PropertyNames().ShouldBe(
            ["id", "title", "description", "productType", "isMicrosoftProduct", "publisherName", "links", "attributes"], ignoreOrder: true);
        product.GetProperty("id").GetString().ShouldBe("DZH318Z0BQ4B");
        product.GetProperty("title").ValueKind.ShouldBe(JsonValueKind.String);
        product.GetProperty("description").ValueKind.ShouldBe(JsonValueKind.String);
        product.GetProperty("isMicrosoftProduct").ValueKind.ShouldBe(JsonValueKind.True);
        product.GetProperty("publisherName").GetString().ShouldBe("Microsoft Corporation");
        var productType = product.GetProperty("productType");
        productType.PropertyNames().ShouldBe(["id", "displayName", "subType"], ignoreOrder: true);
        productType.GetProperty("id").GetString().ShouldBe("Azure");
        productType.GetProperty("displayName").ValueKind.ShouldBe(JsonValueKind.String);
        productType.GetProperty("subType").PropertyNames().ShouldBe(["id", "displayName"], ignoreOrder: true);
        productType.GetProperty("subType").GetProperty("id").GetString().ShouldBe("VirtualMachines");
        product.GetProperty("links").PropertyNames().ShouldBe(["skus", "self"], ignoreOrder: true);
        product.GetProperty("links").GetProperty("skus").GetProperty("uri").GetString().ShouldBe("/products/DZH318Z0BQ4B/skus?country=US");
        product.GetProperty("links").GetProperty("self").GetProperty("uri").GetString().ShouldBe("/products/DZH318Z0BQ4B?country=US");
        product.GetProperty("links").GetProperty("self").GetProperty("method").GetString().ShouldBe("GET");
        product.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Product");
    }

    [Theory]
    [InlineData("DZH318Z0BQ4B", "Azure", "VirtualMachines")]
    [InlineData("DZH318Z0C1BV", "Azure", "SaaS")]
    [InlineData("DZH318Z0BPS6", "Azure", "AzurePlan")]
    [InlineData("DG7GMGF0DWT0", "Software", "SoftwarePerpetual")]
    [InlineData("DG7GMGF0FKZV", "Software", "SoftwareSubscriptions")]
    public async Task GetProduct_OrderedProduct_HasItsProductTypeAndSubType(string productId, string type, string subType)
    {
        var productType = (await _client.GetOkJsonAsync($"v1/products/{productId}?country=US")).GetProperty("productType");

        productType.GetProperty("id").GetString().ShouldBe(type);
        productType.GetProperty("subType").GetProperty("id").GetString().ShouldBe(subType);
    }

    [Fact]
    public async Task GetProduct_NewCommerceProduct_IsOnlineServicesWithoutSubType()
    {
        var productType = (await _client.GetOkJsonAsync("v1/products/CFQ7TTC0LH18?country=US")).GetProperty("productType");

        productType.GetProperty("id").GetString().ShouldBe("OnlineServices");
        productType.PropertyNames().ShouldBe(["id", "displayName"], ignoreOrder: true);
    }

    [Fact]
    public async Task GetProduct_ThirdPartyMarketplaceProduct_IsNotAMicrosoftProduct()
    {
        var product = await _client.GetOkJsonAsync("v1/products/DZH318Z0C1BV?country=US");

        product.GetProperty("isMicrosoftProduct").ValueKind.ShouldBe(JsonValueKind.False);
        product.GetProperty("publisherName").GetString().ShouldBe("Contoso Software");
    }

    [Fact]
    public async Task GetProduct_WithoutCountry_Answers400InvalidRequestInput()
    {
        var response = await _client.GetAsync("v1/products/DZH318Z0BQ4B", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task GetProduct_UnknownProduct_Answers404NotFound()
    {
        var response = await _client.GetAsync("v1/products/NOSUCHPRODUCT?country=US", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 1000);
    }
}
