using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

public sealed class OrdersPageTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    [Fact]
    public void Render_TwoOrders_ShowsOneRowPerOrder()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#orders-table");
        cut.TableRows("orders-table").Count.ShouldBe(2);
    }

    [Fact]
    public void Render_Order_LinksToItsDetailsUnderTheCustomer()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder);

        var cut = RenderPage(Contoso.Id);

        var link = cut.WaitForElement($"#order-link-{Sandbox.AnnualOrder.Id}");
        link.GetAttribute("href").ShouldBe($"customers/{Contoso.Id}/orders/{Sandbox.AnnualOrder.Id}");
        link.TextContent.ShouldBe("1a2b3c4d5e6f");
    }

    [Fact]
    public void Render_OrderWithoutFriendlyId_LinksWithTheOrderId()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#order-link-{Sandbox.PerpetualSoftwareOrder.Id}").TextContent.ShouldBe(Sandbox.PerpetualSoftwareOrder.Id);
    }

    [Fact]
    public void Render_Orders_ShowStatusChips()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.Cancelled(Sandbox.PerpetualSoftwareOrder));

        var cut = RenderPage(Contoso.Id);

        var chips = RowsOf(cut).Select(r => r.QuerySelector("[data-testid='order-status'] .mud-chip")!).ToList();
        chips.Select(c => c.TextContent.Trim()).ShouldBe(["Completed", "Cancelled"]);
        chips.Select(c => c.GetAttribute("data-status")).ShouldBe(["Completed", "Cancelled"]);
    }

    [Fact]
    public void Render_Orders_ShowBillingCycleDisplayText()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).Select(r => r.Cell("Billing cycle")).ShouldBe(["Annual", "One-time"]);
    }

    [Fact]
    public void Render_UnrecognisedBillingCycle_ShowsWhatPartnerCenterWrote()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder with { BillingCycle = BillingCycle.Unknown, BillingCycleText = "quadrennial" });

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).ShouldHaveSingleItem().Cell("Billing cycle").ShouldBe("quadrennial");
    }

    [Fact]
    public void Render_Order_ShowsCreatedDateInUtc()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder with { CreatedAt = new DateTimeOffset(2026, 11, 20, 16, 5, 0, TimeSpan.FromHours(2)) });

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).ShouldHaveSingleItem().Cell("Created").ShouldBe("2026-11-20 14:05 UTC");
    }

    [Fact]
    public void Render_Orders_ShowCurrencyCodes()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).Select(r => r.Cell("Currency")).ShouldBe(["EUR", "USD"]);
    }

    [Fact]
    public void Render_Order_ShowsEachProductNameOnceInLineOrder()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder);

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).ShouldHaveSingleItem().Cell("Products").ShouldBe("Microsoft 365 E3, Power BI Pro");
    }

    [Fact]
    public void Render_Orders_ShowLineCounts()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).Select(r => r.Cell("Lines")).ShouldBe(["3", "1"]);
    }

    [Fact]
    public void Render_Customer_ShowsCompanyName()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForAssertion(() => cut.Find("#customer-name").TextContent.ShouldBe("Contoso Ltd"));
    }

    [Fact]
    public void Render_CustomerUnreadable_ShowsCustomerIdAndStillListsTheOrders()
    {
        OrderService.GetCustomerAsync(Contoso.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<Customer>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in a minute.")));
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#orders-table");
        cut.Find("#customer-name").TextContent.ShouldBe(Contoso.Id);
        cut.FindAll("#orders-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoOrders_ShowsNoOrdersMessage()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#no-orders").VisibleText().ShouldBe("This customer has no orders.");
        cut.FindAll("#orders-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Problem_ShowsItWithCodeAndCorrelationId()
    {
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(Outcome<IReadOnlyList<Order>>.Failure(
            new Problem(ProblemKind.NotFound, "The customer was not found.", "600039", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f")));

        var cut = RenderPage(Contoso.Id);

        var alert = cut.WaitForElement("#orders-problem");
        alert.TextContent.ShouldContain("The customer was not found.");
        alert.QuerySelector("[data-testid='problem-code']")!.TextContent.ShouldBe("600039");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
        cut.FindAll("#orders-table").ShouldBeEmpty();
        cut.FindAll("#no-orders").ShouldBeEmpty();
    }

    [Fact]
    public void Retry_AfterPartnerCenterUnavailable_ListsOrdersAgain()
    {
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(
            Unavailable<IReadOnlyList<Order>>(new PartnerCenterUnavailableException("Partner Center answered with a server error.", "0f9e8d7c")),
            Task.FromResult(Outcome<IReadOnlyList<Order>>.Success([Sandbox.AnnualOrder])));
        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#orders-problem button").Click();

        cut.WaitForElement($"#order-link-{Sandbox.AnnualOrder.Id}");
        _ = OrderService.Received(2).ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_InvalidCustomerId_ShowsWhyTheIdIsInvalid()
    {
        const string NotAnId = "contoso";
        var invalid = new Problem(ProblemKind.InvalidInput,
            "'contoso' is not a customer id. Customer ids are tenant ids, GUIDs such as bd59b416-37f9-4d8f-8df3-5750111fc615.");
        OrderService.GetCustomerAsync(NotAnId, Arg.Any<CancellationToken>()).Returns(Outcome<Customer>.Failure(invalid));
        OrderService.ListOrdersAsync(NotAnId, Arg.Any<CancellationToken>()).Returns(Outcome<IReadOnlyList<Order>>.Failure(invalid));

        var cut = RenderPage(NotAnId);

        var alert = cut.WaitForElement("#orders-problem");
        alert.TextContent.ShouldContain(invalid.Message);
        alert.QuerySelectorAll("[data-testid='problem-code'], [data-testid='problem-correlation-id']").ShouldBeEmpty();
        cut.FindAll("#orders-table").ShouldBeEmpty();
    }

    private IRenderedComponent<OrdersPage> RenderPage(string customerId) =>
        Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, customerId));

    private static IReadOnlyList<IElement> RowsOf(IRenderedComponent<OrdersPage> cut)
    {
        cut.WaitForElement("#orders-table");
        return cut.TableRows("orders-table");
    }
}
