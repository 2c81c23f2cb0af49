using System.Net;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Customers;

public sealed class CustomerEndpointsTests : IAsyncLifetime
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
    public async Task ListCustomers_DemoSeed_AnswersACollectionOfCustomers()
    {
        var response = await _client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().ShouldBe(["totalCount", "items", "links", "attributes"]);
        body.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
        var items = body.GetProperty("items").EnumerateArray().ToList();
        body.GetProperty("totalCount").GetInt32().ShouldBe(items.Count);
        items.Count.ShouldBe(20);
        items.Select(c => c.GetProperty("id").GetString()).ShouldContain(SeedIds.Contoso);
    }

    [Fact]
    public async Task ListCustomers_EachCustomer_HasThePublishedShape()
    {
        var body = await (await _client.GetAsync("v1/customers", TestContext.Current.CancellationToken)).ReadJsonAsync();

        foreach (var customer in body.GetProperty("items").EnumerateArray())
        {
            customer.PropertyNames().ShouldBe(["id", "commerceId", "companyProfile", "relationshipToPartner", "links", "attributes"]);
            var profile = customer.GetProperty("companyProfile");
            profile.GetProperty("tenantId").GetString().ShouldBe(customer.GetProperty("id").GetString());
            profile.GetProperty("companyName").GetString().ShouldNotBeNullOrWhiteSpace();
            profile.GetProperty("domain").GetString().ShouldEndWith(".onmicrosoft.com");
            customer.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Customer");
        }
    }

    [Fact]
    public async Task GetCustomer_KnownId_AnswersTheCustomer()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("id").GetString().ShouldBe(SeedIds.Contoso);
        body.GetProperty("companyProfile").GetProperty("companyName").GetString().ShouldBe("Contoso Sandbox Lab");
    }

    [Fact]
    public async Task GetCustomer_UnknownId_Answers404TenantNotFound()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.UnknownCustomer}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("12345")]
    public async Task GetCustomer_MalformedId_Answers400InvalidCustomerId(string customerId)
    {
        var response = await _client.GetAsync($"v1/customers/{customerId}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 900118);
    }
}
