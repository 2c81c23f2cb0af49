using Dashboard.Emulator.Tests;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// A person's cancel that ends in an error nobody foresaw is still on the record: the error goes on to the page's
/// error handling, and the record says whether anything had been sent.
/// </summary>
public sealed class UnexpectedCancelActivityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelOrderAsync_HostCheckFailsUnexpectedly_WritesOneNotDoneRecordNamingTheErrorAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress, new FailingCheck());
        await desk.StartAsync(runner: false);

        await Should.ThrowAsync<InvalidOperationException>(() => desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation));

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.OrderId.ShouldBe(SeedIds.SeedDocumentOrder);
        record.Outcome.ShouldBe(ActivityOutcome.NotDone);
        record.Detail.ShouldBe("The cancel was not sent: it ended with an error the dashboard did not expect (InvalidOperationException).");
        record.RequestId.ShouldBeNull();
        record.CorrelationId.ShouldBeNull();
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.Contoso, Cancellation)).ShouldBeEmpty();
    }

    private sealed class FailingCheck : ICancelAuthorization
    {
        public Task<string?> WhyNotAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("The session store is gone.");
    }
}
