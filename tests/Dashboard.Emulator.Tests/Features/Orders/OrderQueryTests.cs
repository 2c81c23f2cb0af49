using System.Net;
using System.Text.Json;

namespace Dashboard.Emulator.Tests.Features.Orders;

/// <summary>
/// The order-list and order query parameters (docs/partner-center.md#orders): <c>billingType</c> in the spellings the
/// SDK, the docs and the REST reference use, and <c>include_price</c>. Only reads, so the class shares one demo
/// sandbox.
/// </summary>
public sealed class OrderQueryTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private const double Cent = 0.005;

    // Northwind has one order of each billing cycle: monthly (Azure plan), annual (new commerce), one_time (reservation).
    private static readonly string OrdersOfNorthwind = $"v1/customers/{SeedIds.Northwind}/orders";

    private readonly HttpClient _client = sandbox.Client;

    [Theory]
    [InlineData("one_time", "one_time")]
    [InlineData("onetime", "one_time")]
    [InlineData("OneTime", "one_time")]
    [InlineData("ONE_TIME", "one_time")]
    [InlineData("4", "one_time")]
    [InlineData("monthly", "monthly")]
    [InlineData("Monthly", "monthly")]
    [InlineData("1", "monthly")]
    [InlineData("annual", "annual")]
    public async Task ListOrders_BillingType_AnswersOnlyTheOrdersOfThatBillingCycle(string billingType, string billingCycle)
    {
        var every = (await _client.GetOkJsonAsync(OrdersOfNorthwind)).Items();
        var expected = every.Where(o => o.GetProperty("billingCycle").GetString() == billingCycle).Select(Id).ToList();
        expected.ShouldNotBeEmpty();
        expected.Count.ShouldBeLessThan(every.Count);

        var response = await _client.GetAsync($"{OrdersOfNorthwind}?billingType={billingType}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.Items().Select(Id).ShouldBe(expected, ignoreOrder: true);
        body.GetProperty("totalCount").GetInt32().ShouldBe(expected.Count);
    }

    [Theory]
    [InlineData("weekly")]
    [InlineData("one time")]
    [InlineData("7")]
    [InlineData("-1")]
    public async Task ListOrders_UnknownBillingType_Answers400InvalidRequestInput(string billingType)
    {
        var response = await _client.GetAsync($"{OrdersOfNorthwind}?billingType={Uri.EscapeDataString(billingType)}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task ListOrders_IncludePriceTrue_AddsLinePricingAndTheTotalPrice(string includePrice)
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Woodgrove}/orders?include_price={includePrice}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var orders = (await response.ReadJsonAsync()).Items();
        orders.ShouldNotBeEmpty();
        foreach (var order in orders)
        {
            ShouldHavePrices(order);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("?include_price=false")]
    [InlineData("?include_price=False")]
    public async Task ListOrders_IncludePriceFalseOrAbsent_HasNoPrices(string query)
    {
        var orders = (await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders{query}")).Items();

        orders.ShouldNotBeEmpty();
        foreach (var order in orders)
        {
            ShouldHaveNoPrices(order);
        }
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    public async Task ListOrders_IncludePriceNotABoolean_Answers400InvalidRequestInput(string includePrice)
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Woodgrove}/orders?include_price={includePrice}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task GetOrder_IncludePriceTrue_AddsLinePricingAndTheTotalPrice()
    {
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}?include_price=true");

        order.GetProperty("lineItems").GetArrayLength().ShouldBe(3);
        ShouldHavePrices(order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?include_price=false")]
    public async Task GetOrder_IncludePriceFalseOrAbsent_HasNoPrices(string query)
    {
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}{query}");

        ShouldHaveNoPrices(order);
    }

    [Fact]
    public async Task GetOrder_IncludePriceNotABoolean_Answers400InvalidRequestInput()
    {
        var response = await _client.GetAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}?include_price=maybe", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    private static string Id(JsonElement order) => order.GetProperty("id").GetString()!;

    private static void ShouldHavePrices(JsonElement order)
    {
        var extended = 0.0;
        foreach (var line in order.GetProperty("lineItems").EnumerateArray())
        {
            var pricing = line.GetProperty("pricing");
            pricing.PropertyNames().ShouldBe(["listPrice", "price", "extendedPrice"], ignoreOrder: true);
            pricing.EnumerateObject().ShouldAllBe(p => p.Value.ValueKind == JsonValueKind.Number);
            var expected = pricing.GetProperty("listPrice").GetDouble() * line.GetProperty("quantity").GetInt32();
            pricing.GetProperty("extendedPrice").GetDouble().ShouldBe(expected, Cent);
            extended += pricing.GetProperty("extendedPrice").GetDouble();
        }

        order.GetProperty("totalPrice").ValueKind.ShouldBe(JsonValueKind.Number);
        order.GetProperty("totalPrice").GetDouble().ShouldBe(extended, Cent);
        order.GetProperty("totalPrice").GetDouble().ShouldBeGreaterThan(0);
    }

    private static void ShouldHaveNoPrices(JsonElement order)
    {
        order.PropertyNames().ShouldNotContain("totalPrice");
        foreach (var line in order.GetProperty("lineItems").EnumerateArray())
        {
            line.PropertyNames().ShouldNotContain("pricing");
        }
    }
}
