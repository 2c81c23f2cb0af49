// Over 300 lines: every state of one page (facts, lines, provisioning, links, not found, errors), one specification.
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

public sealed class OrderDetailsPageTests : DashboardTestContext
{
    [Fact]
    public void Render_Order_ShowsItsIdAndStatusFacts()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForElement("#fact-order-id").TextContent.ShouldBe(Sandbox.AnnualOrder.Id);
        cut.Find("#fact-status").TextContent.ShouldBe("Completed");
    }

    [Fact]
    public void Render_Order_BreadcrumbsLeadBackToTheCustomersAndTheirOrders()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForAssertion(() => cut.Find(".mud-breadcrumbs [aria-current='page']").TextContent.ShouldBe("Order 1a2b3c4d5e6f"));
        cut.FindAll(".mud-breadcrumbs a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")))
            .ShouldBe([("Customers", "customers"), ("Contoso Ltd · Orders", $"customers/{Sandbox.Contoso.Id}/orders")]);
    }

    [Fact]
    public void Render_Order_ShowsStatusChip()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Sandbox.PerpetualSoftwareOrder);

        var chip = cut.WaitForElement("#order-status .order-status-chip");
        chip.TextContent.ShouldBe("Pending");
        chip.GetAttribute("data-status").ShouldBe("Pending");
    }

    [Fact]
    public void Render_Order_ShowsCustomerNameCreatedProductTypeBillingCurrencyAndTransactionType()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        var facts = cut.WaitForElement(".mud-paper").QuerySelectorAll("dd").Select(dd => dd.VisibleText()).ToList();
        facts.ShouldBe(
        [
            Sandbox.AnnualOrder.Id,
            "1a2b3c4d5e6f",
            $"Contoso Ltd {Sandbox.Contoso.Id}",
            "2026-11-20 14:05 UTC",
            "Unknown",
            "Completed",
            "Annual",
            "EUR €",
            "UserPurchase",
        ]);
    }

    [Fact]
    public void Render_Order_ShowsOneLineItemRowPerLine()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForElement("#line-items-table");
        cut.TableRows("line-items-table").Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(0, "0", "Microsoft 365 E3", "CFQ7TTC0LFLZ:0002:CFQ7TTC0LF8Q", "25", "1 year", "New")]
    [InlineData(1, "1", "Power BI Pro", "CFQ7TTC0L3PB:0001:CFQ7TTC0KXGZ", "3", "1 month", "New")]
    [InlineData(2, "2", "Microsoft 365 E3", "CFQ7TTC0LFLZ:0002:CFQ7TTC0LF8Q", "5", "3 years", "AddQuantity")]
    public void Render_LineItem_ShowsNumberProductOfferQuantityTermAndTransactionType(
        int row, string number, string product, string offerId, string quantity, string term, string transactionType)
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForElement("#line-items-table");
        var line = cut.TableRows("line-items-table")[row];
        line.Cell("#").ShouldBe(number);
        line.Cell("Product").ShouldBe(product);
        line.Cell("Offer id").ShouldBe(offerId);
        line.Cell("Quantity").ShouldBe(quantity);
        line.Cell("Term").ShouldBe(term);
        line.Cell("Transaction type").ShouldBe(transactionType);
    }

    [Fact]
    public void Render_LineWithoutTerm_ShowsPerpetual()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Sandbox.PerpetualSoftwareOrder);

        cut.WaitForElement("#line-items-table");
        cut.TableRows("line-items-table").ShouldHaveSingleItem().Cell("Term").ShouldBe("Perpetual");
    }

    [Fact]
    public void Render_CompletedOrder_OffersCancelWithoutAReason()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.AnnualOrder);

        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForElement("#cancel-order").HasAttribute("disabled").ShouldBeFalse();
        cut.FindAll("#cancel-unavailable-reason").ShouldBeEmpty();
    }

    [Fact]
    public void Render_CancelledOrder_DisablesCancelAndSaysWhy()
    {
        var cancelled = Sandbox.Cancelled(Sandbox.AnnualOrder);
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(cancelled);

        var cut = RenderPage(cancelled);

        cut.WaitForElement("#cancel-order").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#cancel-unavailable-reason").TextContent.ShouldBe("This order is already cancelled.");
    }

    [Fact]
    public void Render_OrderTheRulesBlock_DisablesCancelAndGivesTheRulesReason()
    {
        var blocked = Sandbox.AnnualOrder with
        {
            Cancellability = Cancellability.Blocked(CancelBlock.CancelThroughSubscription, "New-commerce orders are cancelled through their subscriptions, not by order."),
        };
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(blocked);

        var cut = RenderPage(blocked);

        cut.WaitForElement("#cancel-order").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#cancel-unavailable-reason").TextContent.ShouldBe("New-commerce orders are cancelled through their subscriptions, not by order.");
    }

    [Fact]
    public void Render_OrderAllowedWithANote_OffersCancelAndShowsTheNote()
    {
        var unknownKind = Sandbox.AnnualOrder with
        {
            Cancellability = Cancellability.Allowed("The product type of this order is unknown; Partner Center decides whether it can be cancelled."),
        };
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(unknownKind);

        var cut = RenderPage(unknownKind);

        cut.WaitForElement("#cancel-order").HasAttribute("disabled").ShouldBeFalse();
        cut.Find("#cancel-note").TextContent.ShouldContain("Partner Center decides");
        cut.FindAll("#cancel-unavailable-reason").ShouldBeEmpty();
    }

    [Fact]
    public void Render_OrderNotFound_ShowsTheNotFoundNoticeAndNoOrder()
    {
        GivenCustomer(Sandbox.Contoso);
        OrderService.GetOrderAsync(Sandbox.Contoso.Id, "missing-order", Arg.Any<CancellationToken>()).Returns(Outcome<Order>.Failure(
            new Problem(ProblemKind.NotFound, "The order was not found.", "800002", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")));

        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.Contoso.Id)
            .Add(p => p.OrderId, "missing-order"));

        var notice = cut.WaitForElement("#order-not-found");
        notice.QuerySelector("h1")!.TextContent.ShouldBe("Order not found");
        notice.TextContent.ShouldContain("The order was not found.");
        notice.QuerySelector("[data-testid='problem-code']")!.TextContent.ShouldBe("800002");
        notice.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        cut.FindAll("#order-problem").ShouldBeEmpty();
        cut.FindAll("#cancel-order").ShouldBeEmpty();
        cut.FindAll("#line-items-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_OrderNotFound_LinksBackToTheCustomersOrders()
    {
        GivenCustomer(Sandbox.Contoso);

        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.Contoso.Id)
            .Add(p => p.OrderId, "missing-order"));

        var back = cut.WaitForElement($"#order-not-found a[href='customers/{Sandbox.Contoso.Id}/orders']");
        back.TextContent.Trim().ShouldBe("Back to the customer's orders");
    }

    [Fact]
    public void Render_InvalidOrderId_SaysWhyInTheNotFoundNotice()
    {
        var invalid = new Problem(ProblemKind.InvalidInput,
            "'not an id!' is not an order id. Order ids are letters, digits, '-' and '_', at most 64 characters.");
        OrderService.GetOrderAsync(Sandbox.Contoso.Id, "not an id!", Arg.Any<CancellationToken>()).Returns(Outcome<Order>.Failure(invalid));

        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.Contoso.Id)
            .Add(p => p.OrderId, "not an id!"));

        cut.WaitForElement("#order-not-found").TextContent.ShouldContain(invalid.Message);
    }

    [Fact]
    public void Render_WhileTheOrderLoads_ShowsABusySkeletonAndNoOrder()
    {
        GivenCustomer(Sandbox.Contoso);
        OrderService.GetOrderAsync(Sandbox.AnnualOrder.CustomerId, Sandbox.AnnualOrder.Id, Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<Outcome<Order>>().Task);

        var cut = RenderPage(Sandbox.AnnualOrder);

        var skeleton = cut.FindAll("[aria-label='Loading the order']").ShouldHaveSingleItem();
        skeleton.GetAttribute("aria-busy").ShouldBe("true");
        skeleton.QuerySelectorAll(".mud-skeleton").ShouldNotBeEmpty();
        cut.FindAll("#cancel-order").ShouldBeEmpty();
        cut.FindAll("#line-items-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_PartnerCenterUnavailable_ShowsTheProblemWithRetry()
    {
        GivenCustomer(Sandbox.Contoso);
        OrderService.GetOrderAsync(Sandbox.AnnualOrder.CustomerId, Sandbox.AnnualOrder.Id, Arg.Any<CancellationToken>())
            .Returns(Unavailable<Order>(new PartnerCenterUnavailableException("Partner Center did not answer in time.", "0f9e8d7c-1a2b-4c3d-8e4f-5a6b7c8d9e0f")));

        var cut = RenderPage(Sandbox.AnnualOrder);

        var alert = cut.WaitForElement("#order-problem");
        alert.TextContent.ShouldContain("Partner Center did not answer in time.");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("0f9e8d7c-1a2b-4c3d-8e4f-5a6b7c8d9e0f");
        alert.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldBe(["Retry"]);
        cut.FindAll("#order-not-found").ShouldBeEmpty();
    }

    [Fact]
    public void Retry_AfterPartnerCenterWasUnavailable_ReadsTheOrderAgainAndShowsIt()
    {
        GivenCustomer(Sandbox.Contoso);
        OrderService.GetOrderAsync(Sandbox.AnnualOrder.CustomerId, Sandbox.AnnualOrder.Id, Arg.Any<CancellationToken>()).Returns(
            Unavailable<Order>(new PartnerCenterUnavailableException("Partner Center did not answer in time.", "0f9e8d7c")),
            Task.FromResult(Outcome<Order>.Success(Sandbox.AnnualOrder)));
        var cut = RenderPage(Sandbox.AnnualOrder);

        cut.WaitForElement("#order-problem button").Click();

        cut.WaitForAssertion(() => cut.Find("#fact-order-id").TextContent.ShouldBe(Sandbox.AnnualOrder.Id));
        _ = OrderService.Received(2).GetOrderAsync(Sandbox.AnnualOrder.CustomerId, Sandbox.AnnualOrder.Id, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(ProductKind.SoftwareSubscription, "Software subscription")]
    [InlineData(ProductKind.PerpetualSoftware, "Perpetual software")]
    [InlineData(ProductKind.NewCommerce, "New commerce")]
    [InlineData(ProductKind.ReservedInstance, "Reserved instance")]
    public void Render_Order_ShowsItsProductType(ProductKind kind, string expected)
    {
        var order = Sandbox.SoftwareOrder with { ProductKind = kind };
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(order);

        var cut = RenderPage(order);

        cut.WaitForElement("#fact-product-kind").TextContent.ShouldBe(expected);
    }

    [Fact]
    public void Render_Provisioning_ShowsEachLinesStatus()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        GivenProvisioning(Sandbox.SoftwareOrder,
            new LineProvisioning(0, "fulfilled"),
            new LineProvisioning(1, "PrefulfillmentPending"),
            new LineProvisioning(2, "Suspended"));

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid='line-provisioning']").Select(c => c.TextContent.Trim())
            .ShouldBe(["Fulfilled", "Prefulfillment pending", "Suspended"]));
        cut.FindAll("#provisioning-note").ShouldBeEmpty();
    }

    [Fact]
    public void Render_ProvisioningOfSomeLinesOnly_ShowsADashForTheOthers()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        GivenProvisioning(Sandbox.SoftwareOrder, new LineProvisioning(1, "Unfulfilled"));

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid='line-provisioning']").Select(c => c.TextContent.Trim())
            .ShouldBe(["—", "Unfulfilled", "—"]));
    }

    [Fact]
    public void Render_ProvisioningRefused_SaysWhyAndShowsTheOrderWithDashes()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        OrderService.GetProvisioningStatusAsync(Sandbox.SoftwareOrder.CustomerId, Sandbox.SoftwareOrder.Id, Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<LineProvisioning>>.Failure(new Problem(ProblemKind.Refused,
                "Partner Center answers the provisioning status for App+User tokens only.")));

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#provisioning-note").TextContent
            .ShouldBe("Provisioning status not available: Partner Center answers the provisioning status for App+User tokens only.");
        cut.FindAll("[data-testid='line-provisioning']").Select(c => c.TextContent.Trim()).ShouldBe(["—", "—", "—"]);
        cut.FindAll("#order-problem").ShouldBeEmpty();
    }

    [Fact]
    public void Render_ProvisioningUnavailable_SaysSoWithoutFailingThePage()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        OrderService.GetProvisioningStatusAsync(Sandbox.SoftwareOrder.CustomerId, Sandbox.SoftwareOrder.Id, Arg.Any<CancellationToken>())
            .Returns(Unavailable<IReadOnlyList<LineProvisioning>>(new PartnerCenterUnavailableException("Partner Center did not answer in time.", "0f9e8d7c")));

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#provisioning-note").TextContent.ShouldBe("Provisioning status not available: Partner Center did not answer in time.");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Sandbox.SoftwareOrder.Id);
    }

    [Fact]
    public void Render_Order_AsksForTheProvisioningOfThatOrder()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#line-items-table");
        _ = OrderService.Received(1).GetProvisioningStatusAsync(Sandbox.Contoso.Id, Sandbox.SoftwareOrder.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Navigate_ToAnotherOrderWhileItsProvisioningLoads_ShowsNothingOfTheFirstOrdersProvisioning()
    {
        var other = Sandbox.SoftwareOrder with { Id = "c8d7e6f5-a4b3-4c2d-9e1f-0a9b8c7d6e5f", AlternateId = "0a9b8c7d6e5f" };
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        GivenOrder(other);
        GivenProvisioning(Sandbox.SoftwareOrder, new LineProvisioning(0, "Fulfilled"), new LineProvisioning(1, "Fulfilled"), new LineProvisioning(2, "Fulfilled"));
        OrderService.GetProvisioningStatusAsync(other.CustomerId, other.Id, Arg.Any<CancellationToken>())
            .Returns(new TaskCompletionSource<Outcome<IReadOnlyList<LineProvisioning>>>().Task);
        var cut = RenderPage(Sandbox.SoftwareOrder);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid='line-provisioning']").Select(c => c.TextContent.Trim())
            .ShouldBe(["Fulfilled", "Fulfilled", "Fulfilled"]));

        cut.Render(parameters => parameters.Add(p => p.CustomerId, other.CustomerId).Add(p => p.OrderId, other.Id));

        cut.WaitForAssertion(() => cut.Find("#fact-order-id").TextContent.ShouldBe(other.Id));
        cut.FindAll("[data-testid='line-provisioning']").Select(c => c.TextContent.Trim()).ShouldBe(["—", "—", "—"]);
    }

    [Fact]
    public void Links_Expand_ListsTheOrdersLinksThenEachLinesLinks()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);
        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#toggle-links").Click();

        cut.WaitForAssertion(() => cut.Find("#order-links").HasAttribute("hidden").ShouldBeFalse());
        cut.Find("#toggle-links").GetAttribute("aria-expanded").ShouldBe("true");
        cut.Find("#toggle-links").VisibleText().ShouldBe("Links (8)");
        var prefix = $"/customers/{Sandbox.Contoso.Id}/orders/{Sandbox.SoftwareOrder.Id}";
        cut.FindAll("#order-links tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ShouldBe(
        [
            $"Order | self | GET | {prefix}",
            $"Order | provisioningStatus | GET | {prefix}/provisioningstatus",
            "Line 0 | product | GET | /products/DG7GMGF0DVSV",
            $"Line 0 | provisioningStatus | GET | {prefix}/lineitems/0/provisioningstatus",
            "Line 1 | product | GET | /products/DG7GMGF0D3SJ",
            $"Line 1 | provisioningStatus | GET | {prefix}/lineitems/1/provisioningstatus",
            "Line 2 | product | GET | /products/DG7GMGF0F4MH",
            $"Line 2 | provisioningStatus | GET | {prefix}/lineitems/2/provisioningstatus",
        ]);
    }

    [Fact]
    public void Render_Order_KeepsTheLinksPanelClosed()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#order-links").HasAttribute("hidden").ShouldBeTrue();
        cut.Find("#toggle-links").GetAttribute("aria-expanded").ShouldBe("false");
        cut.Find("#toggle-links").GetAttribute("aria-controls").ShouldBe("order-links");
    }

    [Fact]
    public void Links_OrderWithoutLinks_SaysSoInsteadOfAnEmptyTable()
    {
        GivenCustomer(Sandbox.Contoso);
        var bare = Sandbox.SoftwareOrder with { Links = [], LineItems = [.. Sandbox.SoftwareOrder.LineItems.Select(l => l with { Links = [] })] };
        GivenOrder(bare);
        var cut = RenderPage(bare);

        cut.WaitForElement("#toggle-links").Click();

        cut.WaitForElement("#no-links").TextContent.ShouldBe("Partner Center sent no links with this order.");
        cut.FindAll("#order-links table").ShouldBeEmpty();
        cut.Find("#toggle-links").VisibleText().ShouldBe("Links (0)");
    }

    [Fact]
    public void Render_Order_EveryActionHasAnAccessibleName()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.SoftwareOrder);

        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#cancel-selected-lines");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    [Fact]
    public void Render_OrderNotFound_EveryActionHasAnAccessibleName()
    {
        var cut = RenderPage(Sandbox.SoftwareOrder);

        cut.WaitForElement("#order-not-found");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    private IRenderedComponent<OrderDetailsPage> RenderPage(Order order) =>
        Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, order.CustomerId)
            .Add(p => p.OrderId, order.Id));
}
