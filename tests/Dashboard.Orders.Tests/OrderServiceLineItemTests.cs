using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Cancelling some lines of a software order (Woodgrove's: SQL Server cores, user CALs, Windows Server cores): the
/// lines come back at quantity 0 and the order stays completed while any line is left.
/// </summary>
public sealed class OrderServiceLineItemTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = OrderDesk.For(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task CancelLineItemsAsync_OneLineOfThree_LeavesTheOrderCompleted()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation);

        outcome.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelLineItemsAsync_OneLineOfThree_ReturnsThatLineAtQuantityZeroAndTheOthersAsTheyWere()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation);

        outcome.Value.ShouldNotBeNull().LineItems.Select(l => (l.Number, l.Quantity)).ShouldBe([(0, 4), (1, 0), (2, 2)]);
    }

    [Fact]
    public async Task CancelLineItemsAsync_OneLineOfThree_IsWhatTheOrderShowsWhenReadAgain()
    {
        await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation);

        var reread = await _desk.Orders.GetOrderAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, Cancellation);

        var order = reread.Value.ShouldNotBeNull();
        order.Status.ShouldBe(OrderStatus.Completed);
        order.LineItems.Select(l => l.Quantity).ShouldBe([4, 0, 2]);
    }

    [Fact]
    public async Task CancelLineItemsAsync_OneLineOfThree_IsAppliedOnceAsALineCancel()
    {
        await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation);

        var change = (await _emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldHaveSingleItem();
        change.Change.ShouldBe("cancel lines 1");
    }

    [Fact]
    public async Task CancelLineItemsAsync_EveryLine_CancelsTheOrder()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [0, 1, 2], Cancellation);

        var order = outcome.Value.ShouldNotBeNull();
        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.LineItems.ShouldAllBe(l => l.Quantity == 0);
    }

    [Fact]
    public async Task CancelLineItemsAsync_UnknownLineNumber_IsInvalidInputNamingIt()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1, 7], Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.InvalidInput);
        problem.Message.ShouldBe($"Order {SeedIds.WoodgroveSoftware} has no line 7.");
    }

    [Fact]
    public async Task CancelLineItemsAsync_UnknownLineNumber_SendsNoPatch()
    {
        await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1, 7], Cancellation);

        _desk.Logs.Calls().ShouldNotContain(c => c.Method == "PATCH");
        (await _emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelLineItemsAsync_NoLines_IsInvalidInputWithoutAnyCall()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [], Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        outcome.Problem.Message.ShouldBe("Choose at least one line item to cancel.");
        _desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrdersAsync_WoodgroveSoftware_CanHaveLinesCancelled()
    {
        var listed = await _desk.Orders.ListOrdersAsync(SeedIds.Woodgrove, Cancellation);

        var order = listed.Value.ShouldNotBeNull().Single(o => o.Id == SeedIds.WoodgroveSoftware);
        CancellationRules.CanCancelLines(order).ShouldBeTrue();
    }

    [Fact]
    public async Task CancelLineItemsAsync_TwoLinesOfThree_LeavesTooFewLinesToCancelSeparately()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [0, 1], Cancellation);

        CancellationRules.CanCancelLines(outcome.Value.ShouldNotBeNull()).ShouldBeFalse();
    }
}
