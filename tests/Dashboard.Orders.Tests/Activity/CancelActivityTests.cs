using Dashboard.Emulator.Tests;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// A person's cancel, of a whole order or of some lines, writes exactly one activity record in the dashboard's SQLite
/// file, whatever its outcome: who, what, which customer and order, how it ended, and the ids of what reached the
/// emulator. A cancel the dashboard refuses writes a denied record and sends nothing.
/// </summary>
public sealed class CancelActivityTests
{
    private const string Why = "Cancelling orders needs the Orders.Cancel role, and Riley Reader does not have it.";

    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelOrderAsync_Applied_WritesOneAppliedRecordWithEveryField()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var answers = new EmulatorAnswers();
        await using var desk = await DeskAsync(emulator, answers: answers);
        (await desk.Orders.GetCustomerAsync(SeedIds.Contoso, Cancellation)).Succeeded.ShouldBeTrue();
        var before = DateTimeOffset.UtcNow;

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        var patch = answers.CancelsOf(SeedIds.SeedDocumentOrder).ShouldHaveSingleItem();
        var change = (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldHaveSingleItem();
        ShouldBeAt(record, before);
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.CustomerName.ShouldBe("Contoso Sandbox Lab");
        record.OrderId.ShouldBe(SeedIds.SeedDocumentOrder);
        record.Lines.ShouldBeNull();
        record.JobId.ShouldBeNull();
        record.Outcome.ShouldBe(ActivityOutcome.Applied);
        record.Code.ShouldBeNull();
        record.Detail.ShouldBe("Partner Center reports the order as cancelled.");
        record.CorrelationId.ShouldNotBeNull().ShouldBe(patch.CorrelationId);
        record.RequestId.ShouldNotBeNull().ShouldBe(change.RequestId);
        record.RequestId.ShouldBe(patch.RequestId);
        record.Instance.ShouldBe(Instance);
    }

    [Fact]
    public async Task CancelOrderAsync_CustomerNeverRead_RecordsNoCustomerName()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator);

        await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.CustomerName.ShouldBeNull();
        record.Outcome.ShouldBe(ActivityOutcome.Applied);
    }

    [Fact]
    public async Task CancelOrderAsync_CustomersListedFirst_RecordsTheNameFromTheList()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator);
        (await desk.Orders.ListCustomersAsync(Cancellation)).Succeeded.ShouldBeTrue();

        await desk.Orders.CancelOrderAsync(SeedIds.Fabrikam, SeedIds.FabrikamSoftwareSubscription, Cancellation);

        (await desk.ActivityAsync()).ShouldHaveSingleItem().CustomerName.ShouldBe("Fabrikam Test Tenant");
    }

    [Fact]
    public async Task CancelOrderAsync_RefusedByPartnerCenter_WritesOneRefusedRecordWithItsCodeAndDescription()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var answers = new EmulatorAnswers();
        await using var desk = await DeskAsync(emulator, answers: answers);
        await desk.Orders.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        var before = DateTimeOffset.UtcNow;

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        var patch = answers.CancelsOf(SeedIds.ContosoNewCommerce).ShouldHaveSingleItem();
        patch.StatusCode.ShouldBe(400);
        ShouldBeAt(record, before);
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.CustomerName.ShouldBe("Contoso Sandbox Lab");
        record.OrderId.ShouldBe(SeedIds.ContosoNewCommerce);
        record.Lines.ShouldBeNull();
        record.JobId.ShouldBeNull();
        record.Outcome.ShouldBe(ActivityOutcome.Refused);
        record.Code.ShouldBe("800063");
        record.Detail.ShouldBe(problem.Message);
        record.Detail.ShouldNotBeNull().ShouldContain($"/customers/{SeedIds.Contoso}/subscriptions/");
        record.CorrelationId.ShouldNotBeNull().ShouldBe(patch.CorrelationId);
        record.RequestId.ShouldNotBeNull().ShouldBe(patch.RequestId);
        record.Instance.ShouldBe(Instance);
        (await emulator.ChangesAsync(SeedIds.ContosoNewCommerce, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelOrderAsync_NoTrustworthyAnswerToAnySend_WritesOneUnknownRecordSayingWhatToCheck()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new
        {
            script = new[] { RunningEmulator.ScriptRule("PATCH", $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}", "error503", "error503", "error503") },
        }, Cancellation);
        var answers = new EmulatorAnswers();
        await using var desk = await DeskAsync(emulator, answers: answers);
        await desk.Orders.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        var sends = answers.CancelsOf(SeedIds.SeedDocumentOrder);
        sends.Select(s => s.StatusCode).ShouldBe([503, 503, 503]);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.CustomerName.ShouldBe("Contoso Sandbox Lab");
        record.OrderId.ShouldBe(SeedIds.SeedDocumentOrder);
        record.Outcome.ShouldBe(ActivityOutcome.Unknown);
        record.Code.ShouldBe(problem.PartnerCenterCode);
        // Any of the three sends may be the one Partner Center applied: the record names every attempt's correlation id.
        record.Detail.ShouldBe($"{problem.Message} Sent 3 times with the same request id; the attempts' MS-CorrelationIds: {string.Join(", ", sends.Select(s => s.CorrelationId))}.");
        record.Detail!.ShouldContain("check the order again in a few minutes before trying again");
        record.CorrelationId.ShouldNotBeNull().ShouldBe(sends[^1].CorrelationId);
        record.RequestId.ShouldNotBeNull();
        sends.ShouldAllBe(s => s.RequestId == record.RequestId);
        record.Instance.ShouldBe(Instance);
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelLineItemsAsync_Applied_WritesOneRecordWithTheLines()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var answers = new EmulatorAnswers();
        await using var desk = await DeskAsync(emulator, answers: answers);
        await desk.Orders.GetCustomerAsync(SeedIds.Woodgrove, Cancellation);
        var before = DateTimeOffset.UtcNow;

        var outcome = await desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [2, 0], Cancellation);

        outcome.Succeeded.ShouldBeTrue(outcome.Problem?.Message);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        var patch = answers.CancelsOf(SeedIds.WoodgroveSoftware).ShouldHaveSingleItem();
        ShouldBeAt(record, before);
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelLines);
        record.CustomerId.ShouldBe(SeedIds.Woodgrove);
        record.CustomerName.ShouldBe("Woodgrove Bank QA");
        record.OrderId.ShouldBe(SeedIds.WoodgroveSoftware);
        record.Lines.ShouldBe("0, 2");
        record.JobId.ShouldBeNull();
        record.Outcome.ShouldBe(ActivityOutcome.Applied);
        record.Code.ShouldBeNull();
        record.Detail.ShouldBe($"Partner Center reports the order as {outcome.Value.StatusText}.");
        record.CorrelationId.ShouldNotBeNull().ShouldBe(patch.CorrelationId);
        record.RequestId.ShouldNotBeNull().ShouldBe(patch.RequestId);
        (await emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldHaveSingleItem().RequestId.ShouldBe(record.RequestId);
        record.Instance.ShouldBe(Instance);
    }

    [Fact]
    public async Task CancelOrderAsync_HostRefuses_WritesOneDeniedRecordWithTheReasonAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator, new CancelsRefused(Why));
        var before = DateTimeOffset.UtcNow;

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        ShouldBeAt(record, before);
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        record.OrderId.ShouldBe(SeedIds.SeedDocumentOrder);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Code.ShouldBeNull();
        record.Detail.ShouldBe(Why);
        record.CorrelationId.ShouldBeNull();
        record.RequestId.ShouldBeNull();
        record.Instance.ShouldBe(Instance);
        desk.Logs.Calls().ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelLineItemsAsync_HostRefuses_WritesOneDeniedRecordWithTheLinesAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator, new CancelsRefused(Why));

        await desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [2], Cancellation);

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.Action.ShouldBe(ActivityAction.CancelLines);
        record.Lines.ShouldBe("2");
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe(Why);
        record.RequestId.ShouldBeNull();
        desk.Logs.Calls().ShouldBeEmpty();
        (await emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(SeedIds.Contoso, "=HYPERLINK(\"https://evil.example/\")")]
    [InlineData(SeedIds.Contoso, "../../customers")]
    [InlineData("not-a-customer", SeedIds.SeedDocumentOrder)]
    public async Task CancelOrderAsync_MalformedId_WritesOneDeniedRecordKeepingTheIdsAsTypedAndSendsNothing(string customerId, string orderId)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator);

        var outcome = await desk.Orders.CancelOrderAsync(customerId, orderId, Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.InvalidInput);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.ShouldBeByTheOperator();
        record.Action.ShouldBe(ActivityAction.CancelOrder);
        record.CustomerId.ShouldBe(customerId);
        record.OrderId.ShouldBe(orderId);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe(problem.Message);
        record.CorrelationId.ShouldBeNull();
        record.RequestId.ShouldBeNull();
        desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelLineItemsAsync_LineTheOrderDoesNotHave_WritesOneDeniedRecordAndSendsNoCancel()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator);

        var outcome = await desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1, 7], Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.Action.ShouldBe(ActivityAction.CancelLines);
        record.Lines.ShouldBe("1, 7");
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe(outcome.Problem.Message);
        record.CorrelationId.ShouldBeNull();
        record.RequestId.ShouldBeNull();
        desk.Logs.Calls().ShouldNotContain(c => c.IsCancel);
        (await emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelLineItemsAsync_NoLines_WritesOneDeniedRecordAndSendsNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator);

        var outcome = await desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [], Cancellation);

        var record = (await desk.ActivityAsync()).ShouldHaveSingleItem();
        record.Action.ShouldBe(ActivityAction.CancelLines);
        record.Outcome.ShouldBe(ActivityOutcome.Denied);
        record.Detail.ShouldBe(outcome.Problem.ShouldNotBeNull().Message);
        desk.Logs.Calls().ShouldBeEmpty();
    }

    /// <summary>The desk of a signed-in operator, its store migrated; the job runner is not started.</summary>
    private static async Task<JobDesk> DeskAsync(RunningEmulator emulator, ICancelAuthorization? cancels = null, EmulatorAnswers? answers = null)
    {
        var desk = JobDesk.For(emulator.BaseAddress, cancels, null, host: services => answers?.ListenOn(services));
        await desk.StartAsync(runner: false);
        return desk;
    }

    private static void ShouldBeAt(ActivityRecord record, DateTimeOffset before)
    {
        // Stored to a tenth of a millisecond.
        record.At.Offset.ShouldBe(TimeSpan.Zero);
        record.At.ShouldBeGreaterThanOrEqualTo(before.AddMilliseconds(-1));
        record.At.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow);
    }
}
