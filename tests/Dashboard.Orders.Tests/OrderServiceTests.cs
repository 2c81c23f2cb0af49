using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>The order desk against the emulator: what the pages get for each thing a user does.</summary>
public sealed class OrderServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(SeededAt);
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(_time);
        _desk = OrderDesk.For(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListCustomersAsync_DemoSeed_ReturnsEveryCustomer()
    {
        var outcome = await _desk.Orders.ListCustomersAsync(Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.Count.ShouldBe(20);
        new[] { SeedIds.Contoso, SeedIds.Fabrikam, SeedIds.Northwind, SeedIds.Woodgrove, "e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a" }
            .ShouldBeSubsetOf(outcome.Value.Select(c => c.Id));
    }

    [Fact]
    public async Task ListCustomersAsync_DemoSeed_GivesCompanyNameAndDomain()
    {
        var outcome = await _desk.Orders.ListCustomersAsync(Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldContain(new Customer(SeedIds.Contoso, "Contoso Sandbox Lab", "contososandboxlab.onmicrosoft.com"));
    }

    [Fact]
    public async Task GetCustomerAsync_KnownCustomer_ReturnsIt()
    {
        var outcome = await _desk.Orders.GetCustomerAsync(SeedIds.Woodgrove, Cancellation);

        outcome.Value.ShouldBe(new Customer(SeedIds.Woodgrove, "Woodgrove Bank QA", "woodgroveqa.onmicrosoft.com"));
    }

    [Fact]
    public async Task GetCustomerAsync_UnknownCustomer_IsNotFound()
    {
        var outcome = await _desk.Orders.GetCustomerAsync(SeedIds.UnknownCustomer, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.NotFound);
        outcome.Problem.PartnerCenterCode.ShouldBe("60003");
    }

    [Fact]
    public async Task ListOrdersAsync_Contoso_ReturnsItsOrders()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.Select(o => o.Id).ShouldBe(
            [SeedIds.ContosoNewCommerce, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.SeedDocumentOrder],
            ignoreOrder: true);
        outcome.Value.ShouldAllBe(o => o.CustomerId == SeedIds.Contoso);
    }

    [Fact]
    public async Task ListOrdersAsync_SeedDocumentOrder_MapsItsFields()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        var order = outcome.Value.ShouldNotBeNull().Single(o => o.Id == SeedIds.SeedDocumentOrder);
        order.AlternateId.ShouldBe("11fc4bdfd47a");
        order.Status.ShouldBe(OrderStatus.Completed);
        order.StatusText.ShouldBe("completed");
        order.BillingCycle.ShouldBe(BillingCycle.OneTime);
        order.BillingCycleText.ShouldBe("one_time");
        order.CurrencyCode.ShouldBe("USD");
        order.TransactionType.ShouldBe("UserPurchase");
    }

    [Fact]
    public async Task ListOrdersAsync_SeedDocumentOrder_HasItsCreationDate()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        var order = outcome.Value.ShouldNotBeNull().Single(o => o.Id == SeedIds.SeedDocumentOrder);
        order.CreatedAt.ShouldBe(SeededAt.AddDays(-12));
    }

    [Theory]
    [InlineData(SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderStatus.Completed)]
    [InlineData(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance, OrderStatus.Pending)]
    [InlineData(SeedIds.Northwind, SeedIds.NorthwindCancelledReservedInstance, OrderStatus.Cancelled)]
    public async Task ListOrdersAsync_SeededStatuses_MapToOrderStatus(string customerId, string orderId, OrderStatus expected)
    {
        var outcome = await _desk.Orders.ListOrdersAsync(customerId, Cancellation);

        outcome.Value.ShouldNotBeNull().Single(o => o.Id == orderId).Status.ShouldBe(expected);
    }

    [Theory]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoReservedInstance, BillingCycle.OneTime)]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoNewCommerce, BillingCycle.Monthly)]
    [InlineData(SeedIds.Northwind, "a41c9e2d7b3f", BillingCycle.Annual)]
    public async Task ListOrdersAsync_SeededBillingCycles_MapToBillingCycle(string customerId, string orderId, BillingCycle expected)
    {
        var outcome = await _desk.Orders.ListOrdersAsync(customerId, Cancellation);

        outcome.Value.ShouldNotBeNull().Single(o => o.Id == orderId).BillingCycle.ShouldBe(expected);
    }

    [Fact]
    public async Task ListOrdersAsync_OrderWithSeveralLines_ListsProductNamesInLineOrder()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Woodgrove, Cancellation);

        var order = outcome.Value.ShouldNotBeNull().Single(o => o.Id == SeedIds.WoodgroveSoftware);
        order.ProductNames.ShouldBe([
            "SQL Server 2022 Standard - 2 Core License Pack",
            "SQL Server 2022 - 1 User CAL",
            "Windows Server 2022 Standard - 16 Core License Pack"]);
        order.LineItems.Select(l => l.Number).ShouldBe([0, 1, 2]);
        order.LineItems.Select(l => l.Quantity).ShouldBe([4, 25, 2]);
    }

    [Fact]
    public async Task ListOrdersAsync_CustomerWithoutOrders_ReturnsAnEmptyList()
    {
        var outcome = await _desk.Orders.ListOrdersAsync("e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a", Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrdersAsync_UnknownCustomer_IsNotFound()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.UnknownCustomer, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.NotFound);
        outcome.Problem.PartnerCenterCode.ShouldBe("60003");
        outcome.Problem.Message.ShouldBe("Tenant not found");
    }

    [Fact]
    public async Task GetOrderAsync_SeedDocumentOrder_ReturnsItWithItsLineItem()
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var order = outcome.Value.ShouldNotBeNull();
        order.Id.ShouldBe(SeedIds.SeedDocumentOrder);
        order.Status.ShouldBe(OrderStatus.Completed);
        var line = order.LineItems.ShouldHaveSingleItem();
        line.Number.ShouldBe(0);
        line.ProductName.ShouldBe("Microsoft Identity Manager 2016 - 1 User CAL");
        line.OfferId.ShouldBe("DG7GMGF0DWT0:0001:DG7GMGF0DSQR");
        line.Quantity.ShouldBe(1);
        line.TermDuration.ShouldBe("");
    }

    [Fact]
    public async Task GetOrderAsync_UnknownOrder_IsNotFound()
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.NotFound);
        outcome.Problem.PartnerCenterCode.ShouldBe("20000");
    }

    [Fact]
    public async Task GetOrderAsync_OrderOfAnotherCustomer_IsNotFound()
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Fabrikam, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }

    [Fact]
    public async Task CancelOrderAsync_SeedDocumentOrder_ReturnsTheOrderCancelled()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.Id.ShouldBe(SeedIds.SeedDocumentOrder);
        outcome.Value.Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task CancelOrderAsync_SeedDocumentOrder_IsCancelledWhenReadAgain()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var reread = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        reread.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task CancelOrderAsync_NewCommerceOrder_IsRefusedWithPartnerCenterCode()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.Refused);
        outcome.Problem.PartnerCenterCode.ShouldBe("800063");
        outcome.Problem.Message.ShouldContain($"/customers/{SeedIds.Contoso}/subscriptions/");
    }

    [Fact]
    public async Task CancelOrderAsync_NewCommerceOrder_CarriesTheCorrelationIdOfTheCall()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation);

        var call = _desk.Logs.From("Dashboard.PartnerCenter.Http.PartnerCenterRequestHandler").ShouldHaveSingleItem();
        var correlationId = outcome.Problem.ShouldNotBeNull().CorrelationId;
        Guid.TryParse(correlationId, out _).ShouldBeTrue($"CorrelationId was '{correlationId}'");
        correlationId.ShouldBe(call.Properties["CorrelationId"]);
    }

    [Fact]
    public async Task CancelOrderAsync_NewCommerceOrder_LeavesTheOrderAsItWas()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation);

        var reread = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation);

        reread.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Completed);
    }

    [Theory]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoSaaS, "800077")]
    [InlineData(SeedIds.Fabrikam, SeedIds.FabrikamOldSoftware, "900117")]
    [InlineData(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance, "800060")]
    [InlineData(SeedIds.Northwind, SeedIds.NorthwindCancelledReservedInstance, "800061")]
    public async Task CancelOrderAsync_OrderTheSandboxWillNotCancel_IsRefusedWithItsCode(string customerId, string orderId, string code)
    {
        var outcome = await _desk.Orders.CancelOrderAsync(customerId, orderId, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Refused);
        outcome.Problem.PartnerCenterCode.ShouldBe(code);
    }

    [Fact]
    public async Task CancelOrderAsync_UnknownOrder_IsNotFound()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.NotFound);
        outcome.Problem.PartnerCenterCode.ShouldBe("20000");
    }

    [Fact]
    public async Task CancelOrderAsync_UnknownCustomer_IsNotFound()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.UnknownCustomer, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }

    [Fact]
    public async Task CancelOrderAsync_Succeeded_LogsTheCancellation()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var logged = _desk.Logs.From("Dashboard.Orders.OrderService").ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Information);
        logged.Properties["OrderId"].ShouldBe(SeedIds.SeedDocumentOrder);
        logged.Properties["CustomerId"].ShouldBe(SeedIds.Contoso);
    }
}
