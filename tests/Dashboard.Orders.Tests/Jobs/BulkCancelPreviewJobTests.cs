using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// The dry run of a bulk cancel: which of the chosen orders would be sent, which skipped and why, read from the
/// emulator with nothing sent.
/// </summary>
public sealed class BulkCancelPreviewJobTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private JobDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = JobDesk.For(_emulator.BaseAddress);
        await _desk.StartAsync(runner: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_CancellableOrders_AreAllToSendWithAnEstimateAndNothingIsSent()
    {
        var preview = await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], Cancellation);

        var plan = preview.Value.ShouldNotBeNull();
        plan.CustomerName.ShouldBe("Contoso Sandbox Lab");
        plan.ToSend.Select(o => o.OrderId).ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
        plan.Skipped.ShouldBeEmpty();
        plan.Calls.ShouldBe(2);
        plan.EstimatedDuration.ShouldBeGreaterThan(TimeSpan.Zero);
        plan.RequestsPerMinute.ShouldBeGreaterThan(0);
        _desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
        (await _emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_AlreadyCancelledOrder_IsSkippedAsAlreadyCancelled()
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Northwind, [SeedIds.NorthwindCancelledReservedInstance], Cancellation)).Value.ShouldNotBeNull();

        plan.ToSend.ShouldBeEmpty();
        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Order.OrderId.ShouldBe(SeedIds.NorthwindCancelledReservedInstance);
        skipped.Block.ShouldBe(CancelBlock.AlreadyCancelled);
        skipped.Reason.ShouldContain("already cancelled");
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_PendingOrder_IsSkippedAsStillBeingProcessed()
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Fabrikam, [SeedIds.FabrikamPendingReservedInstance], Cancellation)).Value.ShouldNotBeNull();

        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Block.ShouldBe(CancelBlock.Pending);
        skipped.Reason.ShouldContain("still being processed");
        plan.ToSend.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_OrderPastTheSixtyDayWindow_IsSkippedAsWindowPassed()
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Fabrikam, [SeedIds.FabrikamOldSoftware], Cancellation)).Value.ShouldNotBeNull();

        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Block.ShouldBe(CancelBlock.WindowPassed);
        skipped.Reason.ShouldContain("more than 60 days ago");
        plan.ToSend.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoNewCommerce, "New-commerce")]
    [InlineData(SeedIds.Contoso, SeedIds.ContosoSaaS, "Marketplace SaaS")]
    [InlineData(SeedIds.Northwind, SeedIds.NorthwindAzurePlan, "Azure plan")]
    public async Task PreviewBulkCancelAsync_OrderCancelledThroughItsSubscription_IsSkippedNamingItsKind(string customerId, string orderId, string kind)
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(customerId, [orderId], Cancellation)).Value.ShouldNotBeNull();

        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Block.ShouldBe(CancelBlock.CancelThroughSubscription);
        skipped.Reason.ShouldBe($"{kind} orders are cancelled through their subscriptions, not by order.");
        plan.ToSend.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_OrderTheCustomerDoesNotHave_IsSkippedAsNotListed()
    {
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, SeedIds.FabrikamSoftwareSubscription], Cancellation))
            .Value.ShouldNotBeNull();

        plan.ToSend.ShouldHaveSingleItem().OrderId.ShouldBe(SeedIds.SeedDocumentOrder);
        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Order.OrderId.ShouldBe(SeedIds.FabrikamSoftwareSubscription);
        skipped.Block.ShouldBe(CancelBlock.NotChecked);
        skipped.Reason.ShouldContain("does not list this order");
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_MixedOrders_AccountsForEachChosenOrderOnce()
    {
        string[] chosen = [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce, SeedIds.SeedDocumentOrder];

        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, chosen, Cancellation)).Value.ShouldNotBeNull();

        plan.Total.ShouldBe(4);
        plan.ToSend.Select(o => o.OrderId).ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance], ignoreOrder: true);
        plan.Skipped.Select(s => (s.Order.OrderId, s.Block)).ShouldBe(
            [(SeedIds.ContosoSaaS, CancelBlock.CancelThroughSubscription), (SeedIds.ContosoNewCommerce, CancelBlock.CancelThroughSubscription)], ignoreOrder: true);
    }

    [Theory]
    [InlineData("not an order!")]
    [InlineData("../orders")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task PreviewBulkCancelAsync_MalformedOrderId_IsInvalidInputAndNothingIsSent(string orderId)
    {
        var preview = await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [SeedIds.SeedDocumentOrder, orderId], Cancellation);

        preview.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        preview.Problem.Message.ShouldContain("is not an order id");
        _desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_MalformedCustomerId_IsInvalidInputAndNothingIsSent()
    {
        var preview = await _desk.Jobs.PreviewBulkCancelAsync("contoso", [SeedIds.SeedDocumentOrder], Cancellation);

        preview.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        preview.Problem.Message.ShouldContain("is not a customer id");
        _desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_NoOrders_IsInvalidInputAndNothingIsSent()
    {
        var preview = await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, [], Cancellation);

        preview.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewBulkCancelAsync_UnknownCustomer_IsNotFound()
    {
        var preview = await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.UnknownCustomer, [SeedIds.SeedDocumentOrder], Cancellation);

        preview.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }
}
