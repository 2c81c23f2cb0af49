using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// The order service asks the host before every cancel (the user's role, the production guard) and sends nothing when
/// the host says no: a crafted circuit event that skips the page's check still cancels nothing.
/// </summary>
public sealed class OrderServiceCancelAuthorizationTests : IAsyncLifetime
{
    private const string Refusal = "Cancelling orders needs the Orders.Cancel role, and Riley Reader does not have it.";

    private readonly CancelsRefused _refused = new(Refusal);
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = OrderDesk.For(_emulator.BaseAddress, null, _refused);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task CancelOrderAsync_HostRefuses_IsNotAllowedWithTheHostsReason()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem!.Message.ShouldBe(Refusal);
        _refused.Asked.ShouldBe(1);
    }

    [Fact]
    public async Task CancelOrderAsync_HostRefuses_SendsNothingAndTheOrderStaysActive()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        (await _emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
        var order = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        order.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelLineItemsAsync_HostRefuses_IsNotAllowedAndSendsNothing()
    {
        var outcome = await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        (await _emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelOrderAsync_MalformedOrderId_IsInvalidInputBeforeTheHostIsAsked()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, "not an order id!", Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _refused.Asked.ShouldBe(0);
    }

    [Fact]
    public async Task Reads_HostRefusesCancels_StillWork()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        _refused.Asked.ShouldBe(0);
    }
}
