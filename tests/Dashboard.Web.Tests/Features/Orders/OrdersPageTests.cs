// Over 300 lines: every state of one page (loading, empty, error, columns, refresh), one specification.
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

        cut.WaitForOrderRows();
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

        var chips = RowsOf(cut).Select(r => r.QuerySelector(".order-status-chip")!).ToList();
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

        RowsOf(cut).ShouldHaveSingleItem().Cell("Created (UTC)").ShouldBe("2026-11-20 14:05");
        cut.FindAll("#orders-table thead th").Select(th => th.TextContent.Trim()).ShouldContain("Created (UTC)");
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

        cut.WaitForOrderRows();
        cut.Find("#customer-name").TextContent.ShouldBe(Contoso.Id);
        cut.FindAll("#orders-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoOrders_ShowsNoOrdersMessage()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#no-orders").VisibleText()
            .ShouldBe("This customer has no orders. Orders placed in the last 15 minutes may not be listed yet; refresh in a moment.");
        cut.FindAll("#orders-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Problem_ShowsItWithCodeAndCorrelationId()
    {
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(Outcome<IReadOnlyList<Order>>.Failure(
            new Problem(ProblemKind.Refused, "Partner Center refused to list the orders of this customer.", "600039", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f")));

        var cut = RenderPage(Contoso.Id);

        var alert = cut.WaitForElement("#orders-problem");
        alert.TextContent.ShouldContain("Partner Center refused to list the orders of this customer.");
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

        var notice = cut.WaitForElement("#customer-not-found");
        notice.TextContent.ShouldContain(invalid.Message);
        notice.QuerySelectorAll("[data-testid='problem-code'], [data-testid='problem-correlation-id']").ShouldBeEmpty();
        cut.FindAll("#orders-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_CustomerNotFound_ShowsTheNotFoundNoticeWithALinkBackToTheCustomers()
    {
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(Outcome<IReadOnlyList<Order>>.Failure(
            new Problem(ProblemKind.NotFound, "Partner Center does not know this customer.", "600039", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f")));

        var cut = RenderPage(Contoso.Id);

        var notice = cut.WaitForElement("#customer-not-found");
        notice.QuerySelector("h1")!.TextContent.ShouldBe("Customer not found");
        notice.TextContent.ShouldContain("Partner Center does not know this customer.");
        var back = notice.QuerySelector("a[href='customers']").ShouldNotBeNull();
        back.TextContent.Trim().ShouldBe("Back to the customers");
    }

    [Fact]
    public void Render_CustomerNotFound_OffersNoRetryAndNoTable()
    {
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(Outcome<IReadOnlyList<Order>>.Failure(
            new Problem(ProblemKind.NotFound, "Partner Center does not know this customer.")));

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#customer-not-found");
        cut.FindAll("#orders-problem").ShouldBeEmpty();
        cut.FindAll("#orders-table").ShouldBeEmpty();
        cut.FindAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Retry");
    }

    [Fact]
    public void Render_WhileOrdersLoad_ShowsABusySkeletonAndNoTable()
    {
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<Outcome<IReadOnlyList<Order>>>().Task);

        var cut = RenderPage(Contoso.Id);

        var skeleton = cut.FindAll("[aria-label='Loading orders']").ShouldHaveSingleItem();
        skeleton.GetAttribute("aria-busy").ShouldBe("true");
        skeleton.QuerySelectorAll(".mud-skeleton").ShouldNotBeEmpty();
        cut.FindAll("#orders-table").ShouldBeEmpty();
        cut.FindAll("#no-orders").ShouldBeEmpty();
    }

    [Fact]
    public async Task Refresh_Click_ShowsTheSkeletonWhileReadingTheOrdersAgain()
    {
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(
            Task.FromResult(Outcome<IReadOnlyList<Order>>.Success([Sandbox.AnnualOrder])),
            new TaskCompletionSource<Outcome<IReadOnlyList<Order>>>().Task);
        var cut = RenderPage(Contoso.Id);
        cut.WaitForOrderRows();

        await cut.ClickAtOnceAsync("#refresh-orders");

        cut.WaitForElement("[aria-busy='true'][aria-label='Loading orders']");
        cut.FindAll("#orders-table").ShouldBeEmpty();
        cut.WaitForAssertion(() => _ = OrderService.Received(2).ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task Refresh_Answered_ShowsWhatPartnerCenterNowSays()
    {
        // Answered later, as Partner Center answers: the page shows its skeleton in between.
        var answer = new TaskCompletionSource<Outcome<IReadOnlyList<Order>>>();
        GivenCustomer(Contoso);
        OrderService.ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>()).Returns(
            Task.FromResult(Outcome<IReadOnlyList<Order>>.Success([Sandbox.AnnualOrder])),
            answer.Task);
        var cut = RenderPage(Contoso.Id);
        cut.WaitForOrderRows();
        await cut.ClickAtOnceAsync("#refresh-orders");

        answer.SetResult(Outcome<IReadOnlyList<Order>>.Success([Sandbox.Cancelled(Sandbox.AnnualOrder)]));

        cut.WaitForAssertion(() => cut.TableRows("orders-table").ShouldHaveSingleItem().Cell("Status").ShouldBe("Cancelled"));
    }

    [Fact]
    public void Render_Orders_ShowWhetherEachCanBeCancelled()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id,
            Sandbox.SoftwareOrder,
            Sandbox.NewCommerceOrder,
            Sandbox.Cancelled(Sandbox.AnnualOrder),
            Sandbox.PerpetualSoftwareOrder with
            {
                Cancellability = Cancellability.Blocked(CancelBlock.Pending, "This order is still being processed."),
            },
            Sandbox.PerpetualSoftwareOrder with
            {
                Id = "3f2e1d0c-9b8a-4776-8655-443322110000",
                CreatedAt = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero),
                Status = OrderStatus.Completed,
                Cancellability = Cancellability.Blocked(CancelBlock.WindowPassed, "This order was placed on 2026-08-01, more than 60 days ago."),
            });

        var cut = RenderPage(Contoso.Id);

        var rows = RowsOf(cut);
        rows.Select(r => r.ShownCell("Cancellable"))
            .ShouldBe(["Can cancel", "Via subscription", "Already cancelled", "Still pending", "Past 60 days"]);
        rows[0].ScreenReaderOnlyText("Cancellable").ShouldBeEmpty();
        rows[3].ScreenReaderOnlyText("Cancellable").ShouldBe("This order is still being processed.");
        rows[4].ScreenReaderOnlyText("Cancellable").ShouldBe("This order was placed on 2026-08-01, more than 60 days ago.");
    }

    [Fact]
    public void Render_CancellableOrder_EnablesItsCancelButton()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.SoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.SoftwareOrder.Id}").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Render_OrderTheRulesBlock_DisablesItsCancelButton()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.NewCommerceOrder, Sandbox.SoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.NewCommerceOrder.Id}").HasAttribute("disabled").ShouldBeTrue();
        cut.Find($"#cancel-order-{Sandbox.SoftwareOrder.Id}").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Render_DisabledCancel_GivesTheRulesReasonAsItsTitle()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.NewCommerceOrder);
        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.NewCommerceOrder.Id}").GetAttribute("title")
            .ShouldBe("New-commerce orders are cancelled through their subscriptions, not by order.");
    }

    [Fact]
    public void Render_CancelledOrder_DisablesItsCancelButton()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.Cancelled(Sandbox.SoftwareOrder));

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.SoftwareOrder.Id}").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Render_CancelOfACancelledOrder_SaysItIsAlreadyCancelledInItsTitle()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.Cancelled(Sandbox.SoftwareOrder));
        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.SoftwareOrder.Id}").GetAttribute("title").ShouldBe("This order is already cancelled.");
    }

    [Fact]
    public void Render_CancellableCellOfABlockedOrder_GivesTheFullReasonOnceAsTheLabelsTooltip()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.NewCommerceOrder);
        var cut = RenderPage(Contoso.Id);

        // The label's hover shows it (app.css, .why > span) and a screen reader reads it after the label.
        var label = cut.WaitForElement("#orders-table .why");
        label.QuerySelector("span")!.TextContent.ShouldBe("New-commerce orders are cancelled through their subscriptions, not by order.");
        label.Closest("td")!.OuterHtml.Split("New-commerce orders are cancelled").Length.ShouldBe(2);
    }

    [Fact]
    public void Render_Rows_HoldNoTooltipComponentOrPopover()
    {
        var popovers = RenderMudProviders().Popovers;
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.NewCommerceOrder, Sandbox.AnnualOrder, Sandbox.Cancelled(Sandbox.SoftwareOrder));
        var cut = RenderPage(Contoso.Id);

        RowsOf(cut).Count.ShouldBe(3);
        cut.FindAll("#orders-table tbody .mud-tooltip-root").ShouldBeEmpty();
        popovers.FindAll(".mud-tooltip").ShouldBeEmpty();
    }

    [Fact]
    public void Render_OrderRow_NamesItsCancelButtonAfterTheOrder()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement($"#cancel-order-{Sandbox.AnnualOrder.Id}").GetAttribute("aria-label").ShouldBe("Cancel order 1a2b3c4d5e6f");
        cut.Find($"#cancel-order-{Sandbox.PerpetualSoftwareOrder.Id}").GetAttribute("aria-label")
            .ShouldBe($"Cancel order {Sandbox.PerpetualSoftwareOrder.Id}");
    }

    [Fact]
    public void Render_Orders_EveryActionHasAnAccessibleName()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.NewCommerceOrder, Sandbox.Cancelled(Sandbox.PerpetualSoftwareOrder));

        var cut = RenderPage(Contoso.Id);

        cut.WaitForOrderRows();
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    [Fact]
    public void Render_CustomerNotFound_EveryActionHasAnAccessibleName()
    {
        var cut = RenderPage(Contoso.Id);

        cut.WaitForElement("#customer-not-found");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    private IRenderedComponent<OrdersPage> RenderPage(string customerId) =>
        Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, customerId));

    private static IReadOnlyList<IElement> RowsOf(IRenderedComponent<OrdersPage> cut)
    {
        cut.WaitForOrderRows();
        return cut.TableRows("orders-table");
    }
}
