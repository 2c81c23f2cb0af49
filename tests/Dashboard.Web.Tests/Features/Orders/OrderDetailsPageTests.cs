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
    public void Render_Order_ShowsStatusChip()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Sandbox.PerpetualSoftwareOrder);

        var cut = RenderPage(Sandbox.PerpetualSoftwareOrder);

        var chip = cut.WaitForElement("#order-status .mud-chip");
        chip.TextContent.ShouldBe("Pending");
        chip.GetAttribute("data-status").ShouldBe("Pending");
    }

    [Fact]
    public void Render_Order_ShowsCustomerNameCreatedBillingCurrencyAndTransactionType()
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
    public void Render_OrderNotFound_ShowsTheProblemAndNoOrder()
    {
        GivenCustomer(Sandbox.Contoso);
        OrderService.GetOrderAsync(Sandbox.Contoso.Id, "missing-order", Arg.Any<CancellationToken>()).Returns(Outcome<Order>.Failure(
            new Problem(ProblemKind.NotFound, "The order was not found.", "800002", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")));

        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Sandbox.Contoso.Id)
            .Add(p => p.OrderId, "missing-order"));

        var alert = cut.WaitForElement("#order-problem");
        alert.TextContent.ShouldContain("The order was not found.");
        alert.QuerySelector("[data-testid='problem-code']")!.TextContent.ShouldBe("800002");
        cut.FindAll("#cancel-order").ShouldBeEmpty();
        cut.FindAll("#line-items-table").ShouldBeEmpty();
    }

    private IRenderedComponent<OrderDetailsPage> RenderPage(Order order) =>
        Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, order.CustomerId)
            .Add(p => p.OrderId, order.Id));
}
