namespace Dashboard.Orders.Tests;

/// <summary>
/// The sandbox's rules for cancelling by order (docs/partner-center.md#cancellation-matrix), known before the user
/// asks: what can be cancelled here, and the reason shown when it cannot.
/// </summary>
public sealed class CancellationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ProductKind.ReservedInstance)]
    [InlineData(ProductKind.PerpetualSoftware)]
    [InlineData(ProductKind.SoftwareSubscription)]
    public void Evaluate_CompletedOrderCancelledByOrderWithinTheWindow_IsAllowedWithoutANote(ProductKind kind)
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(kind, daysAgo: 12), Now);

        cancellability.ShouldBe(new Cancellability(true, CancelBlock.None, null));
    }

    [Fact]
    public void Evaluate_CancelledOrder_IsAlreadyCancelled()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.ReservedInstance, status: OrderStatus.Cancelled), Now);

        cancellability.ShouldBe(new Cancellability(false, CancelBlock.AlreadyCancelled, "This order is already cancelled."));
    }

    [Fact]
    public void Evaluate_PendingOrder_IsPendingSayingToTryLater()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.ReservedInstance, status: OrderStatus.Pending), Now);

        cancellability.ShouldBe(new Cancellability(false, CancelBlock.Pending,
            "This order is still being processed. Partner Center cancels an order once it has completed; try again later."));
    }

    [Theory]
    [InlineData(ProductKind.NewCommerce, "New-commerce orders are cancelled through their subscriptions, not by order.")]
    [InlineData(ProductKind.MarketplaceSaaS, "Marketplace SaaS orders are cancelled through their subscriptions, not by order.")]
    [InlineData(ProductKind.AzurePlan, "Azure plan orders are cancelled through their subscriptions, not by order.")]
    [InlineData(ProductKind.LegacyLicense, "License-based orders are cancelled through their subscriptions, not by order.")]
    public void Evaluate_SubscriptionBasedOrder_IsCancelThroughSubscriptionNamingTheKind(ProductKind kind, string reason)
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(kind, daysAgo: 3), Now);

        cancellability.ShouldBe(new Cancellability(false, CancelBlock.CancelThroughSubscription, reason));
    }

    [Fact]
    public void Evaluate_OrderOf61DaysAgo_IsWindowPassedSayingWhenItWasPlaced()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.PerpetualSoftware, daysAgo: 61), Now);

        cancellability.ShouldBe(new Cancellability(false, CancelBlock.WindowPassed,
            "This order was placed on 2026-09-25, more than 60 days ago; Partner Center no longer cancels it."));
    }

    [Fact]
    public void Evaluate_OrderOfExactly60DaysAgo_IsStillAllowed()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.ReservedInstance, daysAgo: 60), Now);

        cancellability.CanCancel.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_OrderOf60DaysAndOneSecondAgo_IsWindowPassed()
    {
        var order = OrderOf(ProductKind.ReservedInstance) with { CreatedAt = Now.AddDays(-60).AddSeconds(-1) };

        var cancellability = CancellationRules.Evaluate(order, Now);

        cancellability.Block.ShouldBe(CancelBlock.WindowPassed);
    }

    [Fact]
    public void Evaluate_OrderWithoutCreationDate_IsAllowedWithANoteAboutTheWindow()
    {
        var order = OrderOf(ProductKind.ReservedInstance) with { CreatedAt = null };

        var cancellability = CancellationRules.Evaluate(order, Now);

        cancellability.CanCancel.ShouldBeTrue();
        cancellability.Reason.ShouldNotBeNull().ShouldContain("60-day window could not be checked");
    }

    [Fact]
    public void Evaluate_UnknownProductKind_IsAllowedWithANoteThatPartnerCenterDecides()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.Unknown, daysAgo: 3), Now);

        cancellability.ShouldBe(new Cancellability(true, CancelBlock.None,
            "The product type of this order is unknown; Partner Center decides whether it can be cancelled."));
    }

    [Fact]
    public void Order_NotYetClassified_CannotBeCancelledUntilTheRulesAreApplied()
    {
        var order = new Order { Id = "order-1", CustomerId = "customer-1", Status = OrderStatus.Completed, CreatedAt = Now };

        order.Cancellability.ShouldBe(new Cancellability(false, CancelBlock.NotChecked,
            "Whether this order can be cancelled has not been checked yet. Refresh the orders to check it."));
    }

    [Fact]
    public void Evaluate_UnknownProductKindPastTheWindow_IsWindowPassed()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.Unknown, daysAgo: 75), Now);

        cancellability.Block.ShouldBe(CancelBlock.WindowPassed);
    }

    [Fact]
    public void Evaluate_CancelledSubscriptionBasedOrder_IsAlreadyCancelledRatherThanCancelThroughSubscription()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.NewCommerce, status: OrderStatus.Cancelled), Now);

        cancellability.Block.ShouldBe(CancelBlock.AlreadyCancelled);
    }

    [Fact]
    public void Evaluate_PendingOrderPastTheWindow_IsPendingRatherThanWindowPassed()
    {
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.ReservedInstance, daysAgo: 75, status: OrderStatus.Pending), Now);

        cancellability.Block.ShouldBe(CancelBlock.Pending);
    }

    [Fact]
    public void Evaluate_SubscriptionBasedOrderPastTheWindow_IsCancelThroughSubscriptionRatherThanWindowPassed()
    {
        // The window does not matter for an order that is never cancelled by order; the subscription is what to act on.
        var cancellability = CancellationRules.Evaluate(OrderOf(ProductKind.MarketplaceSaaS, daysAgo: 64), Now);

        cancellability.Block.ShouldBe(CancelBlock.CancelThroughSubscription);
    }

    [Fact]
    public void Evaluate_NoOrder_Throws()
    {
        Should.Throw<ArgumentNullException>(() => CancellationRules.Evaluate(null!, Now));
    }

    [Theory]
    [InlineData(ProductKind.PerpetualSoftware)]
    [InlineData(ProductKind.SoftwareSubscription)]
    public void CanCancelLines_CancellableSoftwareWithSeveralLiveLines_IsTrue(ProductKind kind)
    {
        var order = Evaluated(OrderOf(kind, daysAgo: 1, quantities: [4, 25, 2]));

        CancellationRules.CanCancelLines(order).ShouldBeTrue();
    }

    [Fact]
    public void CanCancelLines_SoftwareWithOneLine_IsFalse()
    {
        var order = Evaluated(OrderOf(ProductKind.PerpetualSoftware, daysAgo: 1, quantities: [4]));

        CancellationRules.CanCancelLines(order).ShouldBeFalse();
    }

    [Fact]
    public void CanCancelLines_SoftwareWithOneLineLeftOfSeveral_IsFalse()
    {
        var order = Evaluated(OrderOf(ProductKind.PerpetualSoftware, daysAgo: 1, quantities: [4, 0, 0]));

        CancellationRules.CanCancelLines(order).ShouldBeFalse();
    }

    [Fact]
    public void CanCancelLines_SoftwareWithTwoLinesLeftOfThree_IsTrue()
    {
        var order = Evaluated(OrderOf(ProductKind.PerpetualSoftware, daysAgo: 1, quantities: [4, 0, 2]));

        CancellationRules.CanCancelLines(order).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ProductKind.ReservedInstance)]
    [InlineData(ProductKind.NewCommerce)]
    [InlineData(ProductKind.MarketplaceSaaS)]
    [InlineData(ProductKind.AzurePlan)]
    [InlineData(ProductKind.LegacyLicense)]
    [InlineData(ProductKind.Unknown)]
    public void CanCancelLines_OrderThatIsNotSoftwareWithSeveralLines_IsFalse(ProductKind kind)
    {
        var order = Evaluated(OrderOf(kind, daysAgo: 1, quantities: [1, 1, 1]));

        CancellationRules.CanCancelLines(order).ShouldBeFalse();
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled, 1)]
    [InlineData(OrderStatus.Pending, 1)]
    [InlineData(OrderStatus.Completed, 75)]
    public void CanCancelLines_SoftwareThatCannotBeCancelled_IsFalse(OrderStatus status, int daysAgo)
    {
        var order = Evaluated(OrderOf(ProductKind.PerpetualSoftware, daysAgo, status, quantities: [4, 25, 2]));

        CancellationRules.CanCancelLines(order).ShouldBeFalse();
    }

    [Fact]
    public void CanCancelLines_NoOrder_Throws()
    {
        Should.Throw<ArgumentNullException>(() => CancellationRules.CanCancelLines(null!));
    }

    private static Order Evaluated(Order order) => order with { Cancellability = CancellationRules.Evaluate(order, Now) };

    private static Order OrderOf(ProductKind kind, int daysAgo = 10, OrderStatus status = OrderStatus.Completed, int[]? quantities = null) => new()
    {
        Id = "Qe2Rt4Yu6Io8Pa1Sd3Fg5Hj7Kl9Zx0Cv1",
        CustomerId = "c7d9e1f3-5a7b-4c9d-8e1f-3a5b7c9d1e2f",
        Status = status,
        StatusText = status.ToString().ToLowerInvariant(),
        CreatedAt = Now.AddDays(-daysAgo),
        ProductKind = kind,
        LineItems = [.. (quantities ?? [1]).Select((quantity, number) => new OrderLineItem
        {
            Number = number,
            OfferId = "DG7GMGF0FLR2:0001:DG7GMGF0DWMR",
            ProductName = "SQL Server 2022 Standard - 2 Core License Pack",
            Quantity = quantity,
        })],
    };
}
