using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// What the order list says about cancelling each order of the demo sandbox
/// (docs/partner-center.md#cancellation-matrix), with each order's product kind from the emulator's catalog
/// (docs/partner-center.md#product-kinds). The emulator and the desk share one fake clock, so that the 60-day window
/// is measured from the moment the sandbox was seeded.
/// </summary>
public sealed class OrderServiceCancellabilityTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(SeededAt);
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(time: _time);
        _desk = OrderDesk.For(_emulator.BaseAddress, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListOrdersAsync_SeedDocumentOrder_CanBeCancelled()
    {
        var order = await ListedAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        order.Cancellability.ShouldBe(Cancellability.Allowed());
        order.ProductKind.ShouldBe(ProductKind.PerpetualSoftware);
    }

    [Theory]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoSaaS, ProductKind.MarketplaceSaaS)]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoNewCommerce, ProductKind.NewCommerce)]
    [InlineData(SeedIds.Northwind, SeedIds.NorthwindAzurePlan, ProductKind.AzurePlan)]
    public async Task ListOrdersAsync_SubscriptionBasedOrder_IsCancelThroughSubscriptionWithAReason(string customerId, string orderId, ProductKind kind)
    {
        var order = await ListedAsync(customerId, orderId);

        order.ProductKind.ShouldBe(kind);
        order.Cancellability.CanCancel.ShouldBeFalse();
        order.Cancellability.Block.ShouldBe(CancelBlock.CancelThroughSubscription);
        order.Cancellability.Reason.ShouldNotBeNull().ShouldContain("through their subscriptions");
    }

    [Fact]
    public async Task ListOrdersAsync_FabrikamSoftwareOf75DaysAgo_IsWindowPassedSayingWhen()
    {
        var order = await ListedAsync(SeedIds.Fabrikam, SeedIds.FabrikamOldSoftware);

        order.Cancellability.CanCancel.ShouldBeFalse();
        order.Cancellability.Block.ShouldBe(CancelBlock.WindowPassed);
        order.Cancellability.Reason.ShouldBe($"This order was placed on {SeededAt.AddDays(-75):yyyy-MM-dd}, more than 60 days ago; Partner Center no longer cancels it.");
    }

    [Fact]
    public async Task ListOrdersAsync_FabrikamPendingReservation_IsPending()
    {
        var order = await ListedAsync(SeedIds.Fabrikam, SeedIds.FabrikamPendingReservedInstance);

        order.ProductKind.ShouldBe(ProductKind.ReservedInstance);
        order.Cancellability.CanCancel.ShouldBeFalse();
        order.Cancellability.Block.ShouldBe(CancelBlock.Pending);
        order.Cancellability.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task ListOrdersAsync_NorthwindCancelledReservation_IsAlreadyCancelled()
    {
        var order = await ListedAsync(SeedIds.Northwind, SeedIds.NorthwindCancelledReservedInstance);

        order.Cancellability.CanCancel.ShouldBeFalse();
        order.Cancellability.Block.ShouldBe(CancelBlock.AlreadyCancelled);
        order.Cancellability.Reason.ShouldBe("This order is already cancelled.");
    }

    [Fact]
    public async Task ListOrdersAsync_EveryDemoOrder_HasTheProductKindOfItsCatalogProductType()
    {
        using var catalog = _emulator.CreateClient();
        var orders = await AllOrdersAsync();

        var wrong = new List<string>();
        foreach (var order in orders)
        {
            var productId = order.LineItems[0].OfferId.Split(':')[0];
            var product = await catalog.GetFromJsonAsync<JsonElement>($"v1/products/{productId}?country=US", Cancellation);
            var type = product.GetProperty("productType");
            var expected = KindOf(type.GetProperty("id").GetString(), type.TryGetProperty("subType", out var subType) ? subType.GetProperty("id").GetString() : null);
            if (order.ProductKind != expected)
            {
                wrong.Add($"{order.Id} ({productId}, {type}): {order.ProductKind}, expected {expected}");
            }
        }

        orders.Count.ShouldBeGreaterThan(100);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrdersAsync_EveryDemoOrderThatCannotBeCancelled_SaysWhy()
    {
        var orders = await AllOrdersAsync();

        var blocked = orders.Where(o => !o.Cancellability.CanCancel).ToList();
        blocked.Count.ShouldBeGreaterThan(10);
        blocked.ShouldAllBe(o => o.Cancellability.Block != CancelBlock.None && !string.IsNullOrWhiteSpace(o.Cancellability.Reason));
        orders.Where(o => o.Cancellability.CanCancel).ShouldAllBe(o => o.Cancellability.Block == CancelBlock.None);
    }

    [Fact]
    public async Task ListOrdersAsync_EveryDemoOrder_CanBeCancelledExactlyWhenTheSandboxCancelsIt()
    {
        var orders = await AllOrdersAsync();

        var disagreeing = new List<string>();
        foreach (var order in orders)
        {
            var outcome = await _desk.Orders.CancelOrderAsync(order.CustomerId, order.Id, Cancellation);
            if (outcome.Succeeded != order.Cancellability.CanCancel || outcome.Problem is { Kind: not ProblemKind.Refused })
            {
                disagreeing.Add($"{order.Id} ({order.ProductKind}, {order.Cancellability.Block}): {outcome.Problem?.ToString() ?? "cancelled"}");
            }
        }

        disagreeing.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrdersAsync_FiftyDaysLater_SeedDocumentOrderIsWindowPassed()
    {
        _time.Advance(TimeSpan.FromDays(50));

        var order = await ListedAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        order.Cancellability.CanCancel.ShouldBeFalse();
        order.Cancellability.Block.ShouldBe(CancelBlock.WindowPassed);
        order.Cancellability.Reason.ShouldNotBeNull().ShouldContain($"placed on {SeededAt.AddDays(-12):yyyy-MM-dd}");
    }

    [Fact]
    public async Task CancelOrderAsync_SeedDocumentOrderFiftyDaysLater_IsRefusedForThePassedWindowAsTheListSaid()
    {
        _time.Advance(TimeSpan.FromDays(50));

        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Refused);
        outcome.Problem.PartnerCenterCode.ShouldBe("900117");
    }

    [Fact]
    public async Task ListOrdersAsync_CatalogCannotBeAskedAboutAReservation_IsNotCancellableUntilItCanBe()
    {
        await using var desk = OrderDesk.For(_emulator.BaseAddress, _time, ("PartnerCenter:MaxRetries", "0"));
        await _emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("GET", "/v1/products/DZH318Z0BQ4B", "error503") } }, Cancellation);

        var order = (await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)).Value!.Single(o => o.Id == SeedIds.ContosoReservedInstance);

        order.Cancellability.ShouldBe(Cancellability.Blocked(CancelBlock.NotChecked,
            "The product catalog could not be asked what this order is, so whether it can be cancelled is not known yet. Refresh to ask again."));
        var again = (await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)).Value!.Single(o => o.Id == SeedIds.ContosoReservedInstance);
        again.ProductKind.ShouldBe(ProductKind.ReservedInstance);
        again.Cancellability.CanCancel.ShouldBeTrue();
    }

    [Fact]
    public async Task ListOrdersAsync_CatalogCannotBeAskedAboutNewCommerce_IsJudgedByItsOfferId()
    {
        await using var desk = OrderDesk.For(_emulator.BaseAddress, _time, ("PartnerCenter:MaxRetries", "0"));
        var productId = (await ListedAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce)).LineItems[0].OfferId.Split(':')[0];
        await _emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("GET", $"/v1/products/{productId}", "error503") } }, Cancellation);

        var order = (await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)).Value!.Single(o => o.Id == SeedIds.ContosoNewCommerce);

        order.ProductKind.ShouldBe(ProductKind.NewCommerce);
        order.Cancellability.Block.ShouldBe(CancelBlock.CancelThroughSubscription);
    }

    [Fact]
    public async Task ListOrdersAsync_SameCustomerTwice_AsksTheCatalogOnlyTheFirstTime()
    {
        await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);
        var first = ProductLookups();
        await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        // Contoso's four orders are for four products: software, a reservation, a SaaS offer, new commerce.
        first.ShouldBe(4);
        ProductLookups().ShouldBe(first);
    }

    [Fact]
    public async Task ListOrdersAsync_ThreeReadsAtOnce_AskTheCatalogOncePerProduct()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation)));

        ProductLookups().ShouldBe(4);
    }

    [Fact]
    public async Task GetOrderAsync_ProductAlreadyLooked_DoesNotAskTheCatalogAgain()
    {
        await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);
        var listed = ProductLookups();

        var order = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation);

        order.Value.ShouldNotBeNull().ProductKind.ShouldBe(ProductKind.ReservedInstance);
        ProductLookups().ShouldBe(listed);
    }

    /// <summary>
    /// The product kind a catalog product's type and subtype give (docs/partner-center.md#product-kinds).
    /// </summary>
    private static ProductKind KindOf(string? type, string? subType) => (type, subType) switch
    {
        ("Azure", "VirtualMachines") => ProductKind.ReservedInstance,
        ("Azure", "SaaS") => ProductKind.MarketplaceSaaS,
        ("Azure", "AzurePlan") => ProductKind.AzurePlan,
        ("Software", "SoftwarePerpetual") => ProductKind.PerpetualSoftware,
        ("Software", "SoftwareSubscriptions") => ProductKind.SoftwareSubscription,
        ("OnlineServices", null) => ProductKind.NewCommerce,
        _ => throw new InvalidOperationException($"The emulator's catalog has a product type this test does not know: {type}/{subType}."),
    };

    private int ProductLookups() => _desk.Logs.Calls().Count(c => c.Route == PartnerCenterCalls.ProductRoute);

    private async Task<Order> ListedAsync(string customerId, string orderId)
    {
        var outcome = await _desk.Orders.ListOrdersAsync(customerId, Cancellation);
        return outcome.Value.ShouldNotBeNull().Single(o => o.Id == orderId);
    }

    private async Task<List<Order>> AllOrdersAsync()
    {
        var orders = new List<Order>();
        foreach (var customer in (await _desk.Orders.ListCustomersAsync(Cancellation)).Value!)
        {
            orders.AddRange((await _desk.Orders.ListOrdersAsync(customer.Id, Cancellation)).Value!);
        }

        return orders;
    }
}
