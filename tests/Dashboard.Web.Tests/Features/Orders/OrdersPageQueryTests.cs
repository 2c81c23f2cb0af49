using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>
/// Whatever is in the address, the orders page shows: a value it cannot use means the default, never an error page.
/// </summary>
public sealed class OrdersPageQueryTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly string OrdersAddress = $"customers/{Contoso.Id}/orders";

    // 120 orders, newest first order-001…: three pages of 50 by default.
    private static readonly string[] FirstPageByDefault = [.. Enumerable.Range(1, 50).Select(i => $"order-{i:000}")];

    public OrdersPageQueryTests()
    {
        RenderMudProviders();
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(120));
    }

    [Theory]
    [InlineData("page=9999999999")]             // beyond int
    [InlineData("page=-3")]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("desc=maybe")]
    [InlineData("desc=maybe&sort=bogus")]
    [InlineData("sort=bogus")]
    [InlineData("sort=bogus&desc=true")]
    [InlineData("size=7")]
    [InlineData("size=-50")]
    [InlineData("size=99999999999999")]
    [InlineData("status=9")]
    [InlineData("status=Completed,Pending")]
    [InlineData("billing=%00")]
    [InlineData("type=__proto__")]
    [InlineData("q=%20%20")]
    [InlineData("page=&size=&sort=&desc=&status=&billing=&type=&q=")]
    [InlineData("page=99999")]                  // beyond the last page
    [InlineData("status=1")]
    public void Render_UnusableQueryValue_ShowsTheDefaultView(string query)
    {
        var cut = RenderPage($"{OrdersAddress}?{query}");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(FirstPageByDefault));
        cut.Find("#orders-shown").TextContent.ShouldBe("120 orders");
        cut.WaitForAssertion(() => CurrentQuery.ShouldBeEmpty());
    }

    [Fact]
    public void Render_UsableValuesBesideUnusableOnes_KeepsTheUsableOnes()
    {
        var cut = RenderPage($"{OrdersAddress}?page=2&desc=maybe&size=abc");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(51, 50).Select(i => $"order-{i:000}")]));
    }

    private IRenderedComponent<OrdersPage> RenderPage(string address)
    {
        GivenTheAddressIs(address);
        return Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
    }

    private static List<string> ShownOrderIds(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.FindAll("#orders-table tbody tr a[id^='order-link-']").Select(a => a.Id!["order-link-".Length..])];
}
