using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// How a cancel recovers when its answers are lost, one situation at a time: the emulator's fault script says what each
/// send of the cancel (and the read-back) meets. The order service waits between sends on a fake clock, which the test
/// moves on once the wait has begun.
/// </summary>
public sealed class OrderServiceCancelRecoveryTests
{
    private const string Cancel = "PATCH";
    private static readonly string OrderPath = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    private readonly WatchedTime _time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelOrderAsync_FirstAnswerLostAfterApplying_IsResentWithTheSameRequestIdAndAppliedOnce()
    {
        await using var emulator = await StartScriptedAsync(RunningEmulator.ScriptRule(Cancel, OrderPath, "dropAfterApplying"));
        await using var desk = DeskOnTheFakeClock(emulator);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await AttemptFailedAsync(desk, 1);
        await ResendAfterAsync(1);
        var outcome = await cancelling;

        outcome.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Cancelled);
        var patches = desk.Logs.Calls().Where(c => c.IsCancel).ToList();
        patches.Select(p => p.StatusCode).ShouldBe([null, 200]);
        var change = (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        change.RequestId.ShouldBe(patches[0].RequestId);
        patches[1].RequestId.ShouldBe(patches[0].RequestId);
    }

    [Fact]
    public async Task CancelOrderAsync_AppliedButEveryAnswerLost_IsConfirmedByReadingTheOrderBack()
    {
        await using var emulator = await StartScriptedAsync(RunningEmulator.ScriptRule(Cancel, OrderPath, "dropAfterApplying", "drop", "drop"));
        await using var desk = DeskOnTheFakeClock(emulator);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await LetItSendThreeTimesAsync(desk);
        var outcome = await cancelling;

        outcome.Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Cancelled);
        desk.Logs.Calls().Where(c => c.IsCancel).Select(c => c.StatusCode).ShouldBe([null, null, null]);
        desk.Logs.From(PartnerCenterCalls.OrderService).ShouldContain(e => e.Message.Contains("confirmed by reading the order back after 3 attempts", StringComparison.Ordinal));
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task CancelOrderAsync_NeverArrivedAndNoAnswer_IsOutcomeUnknownSayingTheOrderIsStillOpen()
    {
        await using var emulator = await StartScriptedAsync(RunningEmulator.ScriptRule(Cancel, OrderPath, "drop", "drop", "drop"));
        await using var desk = DeskOnTheFakeClock(emulator);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await LetItSendThreeTimesAsync(desk);
        var outcome = await cancelling;

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        problem.Message.ShouldContain("sent 3 times with the same request id");
        problem.Message.ShouldContain("still reports the order as completed");
        problem.Message.ShouldContain("check the order again in a few minutes");
        problem.RequestId.ShouldBe(desk.Logs.Calls().Where(c => c.IsCancel).Select(c => c.RequestId).Distinct().ShouldHaveSingleItem());
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelOrderAsync_AppliedAndNothingAnswersAnyMore_IsOutcomeUnknownAndAppliedOnce()
    {
        await using var emulator = await StartScriptedAsync(
            RunningEmulator.ScriptRule(Cancel, OrderPath, "dropAfterApplying", "drop", "drop"),
            RunningEmulator.ScriptRule("GET", OrderPath, "drop"));
        await using var desk = DeskOnTheFakeClock(emulator);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await LetItSendThreeTimesAsync(desk);
        var outcome = await cancelling;

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        problem.Message.ShouldContain("could not be read back");
        problem.Message.ShouldContain("check its status");
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        (await desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation)).Value.ShouldNotBeNull().Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task CancelOrderAsync_ResendThrottledAfterTheFirstAttemptWasApplied_IsConfirmedByReadingTheOrderBack()
    {
        await using var emulator = await StartScriptedAsync(RunningEmulator.ScriptRule(Cancel, OrderPath, "dropAfterApplying", "throttle"));
        await using var desk = DeskOnTheFakeClock(emulator);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        await AttemptFailedAsync(desk, 1);
        await ResendAfterAsync(1);
        var outcome = await cancelling;

        // The first attempt was applied and only its answer lost: a 429 to the re-send says nothing about it, so the
        // order is read back, and found cancelled; not "not carried out".
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        var said = outcome.Succeeded ? "cancelled" : $"{outcome.Problem.Kind}: {outcome.Problem.Message}";
        outcome.Succeeded.ShouldBeTrue(said);
        outcome.Value.Status.ShouldBe(OrderStatus.Cancelled);
        desk.Logs.Calls().Where(c => c.IsCancel).Select(c => c.StatusCode).ShouldBe([null, 429]);
        desk.Logs.From(PartnerCenterCalls.OrderService).ShouldContain(e => e.Message.Contains("confirmed by reading the order back after 2 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelOrderAsync_AbandonedByTheCallerWhileWaitingToResend_IsOutcomeUnknown()
    {
        await using var emulator = await StartScriptedAsync(RunningEmulator.ScriptRule(Cancel, OrderPath, "dropAfterApplying"));
        await using var desk = DeskOnTheFakeClock(emulator);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, abandon.Token);
        await AttemptFailedAsync(desk, 1);
        await abandon.CancelAsync();
        await Should.NotThrowAsync(cancelling);
        var outcome = await cancelling;

        // The first attempt may have been applied (here it was), exactly as when the caller gives up during a send.
        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
    }

    /// <summary>An emulator whose fault script gives the cancel's sends (and the read-back) the listed faults, in order.</summary>
    private static async Task<RunningEmulator> StartScriptedAsync(params object[] rules)
    {
        var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = rules }, Cancellation);
        return emulator;
    }

    private OrderDesk DeskOnTheFakeClock(RunningEmulator emulator) => OrderDesk.For(emulator.BaseAddress, _time);

    /// <summary>Lets the order service send the next attempt: it waits 1 s after the first, 2 s after the second.</summary>
    private async Task ResendAfterAsync(int attempt)
    {
        var wait = TimeSpan.FromSeconds(attempt);
        await _time.WaitForTimerAsync(wait, Cancellation);
        _time.Advance(wait);
    }

    /// <summary>Lets a cancel whose first two sends fail send its third (after which it reads the order back).</summary>
    private async Task LetItSendThreeTimesAsync(OrderDesk desk)
    {
        await AttemptFailedAsync(desk, 1);
        await ResendAfterAsync(1);
        await AttemptFailedAsync(desk, 2);
        await ResendAfterAsync(2);
    }

    /// <summary>Waits until the order service has logged the failure of the given attempt of a cancel.</summary>
    private static Task<CapturedLogEvent> AttemptFailedAsync(OrderDesk desk, int attempt) =>
        desk.Logs.WaitForAsync(
            e => e.Category == PartnerCenterCalls.OrderService
                && e.Message.StartsWith("Cancel of order", StringComparison.Ordinal)
                && e.Properties.GetValueOrDefault("Attempt") == attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Cancellation);
}
