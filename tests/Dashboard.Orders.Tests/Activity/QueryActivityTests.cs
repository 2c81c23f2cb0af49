using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// The activity page's reads, a page at a time from the SQLite file: each filter alone and together, the sorts, the
/// paging and the total; text filters match a part of a name, ids match whole, and what a user types is taken
/// literally (no LIKE wildcards).
/// </summary>
public sealed class QueryActivityTests : IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string Fabrikam = "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13";
    private const string Adatum = "e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a";
    private const string Olivia = "11111111-2222-3333-4444-555555555555";
    private const string Riley = "22222222-3333-4444-5555-666666666666";

    private static readonly Guid JobId = Guid.Parse("6f9a1c3e-0b2d-4e5f-8a7b-9c0d1e2f3a4b");
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private JobDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await _desk.StartAsync(runner: false);
        await _desk.InsertAsync(
        [
            Record(1, "Olivia Operator", Olivia, ActivityAction.CancelOrder, Contoso, "Contoso Sandbox Lab", "order-1", ActivityOutcome.Applied),
            Record(2, "Riley Reader", Riley, ActivityAction.CancelOrder, Fabrikam, "Fabrikam Test Tenant", "order-2", ActivityOutcome.Denied),
            Record(3, "100%_sure", null, ActivityAction.Export, null, null, null, ActivityOutcome.Applied),
            Record(4, "Olivia Operator", Olivia, ActivityAction.JobStart, Contoso, "Contoso Sandbox Lab", null, ActivityOutcome.Applied, JobId),
            Record(5, "Oscar_Admin", null, ActivityAction.DeleteCustomer, Adatum, "Adatum Empty Tenant", null, ActivityOutcome.Refused, JobId),
            Record(6, "Olivia Operator", Olivia, ActivityAction.CancelLines, Contoso, "Contoso Sandbox Lab", "order-1", ActivityOutcome.Unknown),
        ]);
    }

    public async ValueTask DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task QueryAsync_NoFilters_IsEveryRecordNewestFirstWithTheTotal()
    {
        var page = await QueryAsync(new ActivityQuery());

        Numbers(page).ShouldBe([6, 5, 4, 3, 2, 1]);
        page.Total.ShouldBe(6);
    }

    [Fact]
    public async Task QueryAsync_Entry_CarriesEveryFieldAsStored()
    {
        var entry = (await QueryAsync(new ActivityQuery { JobId = JobId, Action = ActivityAction.JobStart })).Entries.ShouldHaveSingleItem();

        entry.At.ShouldBe(Start.AddHours(4));
        entry.UserName.ShouldBe("Olivia Operator");
        entry.UserId.ShouldBe(Olivia);
        entry.UserTenant.ShouldBe("e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001");
        entry.Action.ShouldBe(ActivityAction.JobStart);
        entry.CustomerId.ShouldBe(Contoso);
        entry.CustomerName.ShouldBe("Contoso Sandbox Lab");
        entry.OrderId.ShouldBeNull();
        entry.Lines.ShouldBe("4");
        entry.JobId.ShouldBe(JobId);
        entry.Outcome.ShouldBe(ActivityOutcome.Applied);
        entry.Code.ShouldBe("code-4");
        entry.Detail.ShouldBe("record 4");
        entry.CorrelationId.ShouldBe("correlation-4");
        entry.RequestId.ShouldBe("request-4");
        entry.Instance.ShouldBe("host/4");
    }

    [Fact]
    public async Task QueryAsync_TimeRange_IncludesItsStartAndExcludesItsEnd()
    {
        var page = await QueryAsync(new ActivityQuery { From = Start.AddHours(2), To = Start.AddHours(4) });

        Numbers(page).ShouldBe([3, 2]);
        page.Total.ShouldBe(2);
    }

    [Fact]
    public async Task QueryAsync_TimeRangeInAnotherOffset_IsTheSameInstants()
    {
        var paris = TimeSpan.FromHours(1);

        var page = await QueryAsync(new ActivityQuery { From = Start.AddHours(2).ToOffset(paris), To = Start.AddHours(4).ToOffset(paris) });

        Numbers(page).ShouldBe([3, 2]);
    }

    [Theory]
    [InlineData("livia", new[] { 6, 4, 1 })]
    [InlineData("OLIVIA operator", new[] { 6, 4, 1 })]
    [InlineData(" Riley ", new[] { 2 })]
    [InlineData(Riley, new[] { 2 })]
    [InlineData("22222222", new int[0])]
    [InlineData("%", new[] { 3 })]
    [InlineData("_", new[] { 5, 3 })]
    [InlineData("0%_", new[] { 3 })]
    [InlineData("O%r", new int[0])]
    public async Task QueryAsync_User_MatchesAPartOfTheNameOrTheWholeObjectIdTakenLiterally(string user, int[] expected)
    {
        var page = await QueryAsync(new ActivityQuery { User = user });

        Numbers(page).ShouldBe(expected);
        page.Total.ShouldBe(expected.Length);
    }

    [Theory]
    [InlineData(Contoso, new[] { 6, 4, 1 })]
    [InlineData("fabrikam", new[] { 2 })]
    [InlineData("Tenant", new[] { 5, 2 })]
    [InlineData("bd59b416", new int[0])]
    [InlineData("%", new int[0])]
    public async Task QueryAsync_Customer_MatchesTheWholeIdOrAPartOfTheName(string customer, int[] expected)
    {
        Numbers(await QueryAsync(new ActivityQuery { Customer = customer })).ShouldBe(expected);
    }

    [Theory]
    [InlineData("order-1", new[] { 6, 1 })]
    [InlineData("order", new int[0])]
    [InlineData("order-%", new int[0])]
    public async Task QueryAsync_OrderId_MatchesWhole(string orderId, int[] expected)
    {
        Numbers(await QueryAsync(new ActivityQuery { OrderId = orderId })).ShouldBe(expected);
    }

    [Fact]
    public async Task QueryAsync_ActionOutcomeAndJob_EachNarrowTheRecords()
    {
        Numbers(await QueryAsync(new ActivityQuery { Action = ActivityAction.CancelOrder })).ShouldBe([2, 1]);
        Numbers(await QueryAsync(new ActivityQuery { Outcome = ActivityOutcome.Denied })).ShouldBe([2]);
        Numbers(await QueryAsync(new ActivityQuery { JobId = JobId })).ShouldBe([5, 4]);
    }

    [Fact]
    public async Task QueryAsync_SeveralFilters_AreAllApplied()
    {
        var page = await QueryAsync(new ActivityQuery
        {
            User = "olivia", Customer = "contoso", OrderId = "order-1", Outcome = ActivityOutcome.Applied, From = Start, To = Start.AddDays(1),
        });

        Numbers(page).ShouldBe([1]);
        page.Total.ShouldBe(1);
    }

    [Fact]
    public async Task QueryAsync_Page_IsTheAskedSliceWithTheTotalOfEveryMatch()
    {
        var page = await QueryAsync(new ActivityQuery { Skip = 2, Take = 2 });

        Numbers(page).ShouldBe([4, 3]);
        page.Total.ShouldBe(6);
        Numbers(await QueryAsync(new ActivityQuery { Skip = 5, Take = 50 })).ShouldBe([1]);
        Numbers(await QueryAsync(new ActivityQuery { Skip = 6 })).ShouldBeEmpty();
        Numbers(await QueryAsync(new ActivityQuery { Skip = -3, Take = 0 })).ShouldBe([6]);
    }

    [Theory]
    [InlineData(ActivitySort.Time, false, new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(ActivitySort.User, false, new[] { 3, 6, 4, 1, 5, 2 })]
    [InlineData(ActivitySort.User, true, new[] { 2, 5, 6, 4, 1, 3 })]
    [InlineData(ActivitySort.Customer, false, new[] { 3, 5, 6, 4, 1, 2 })]
    [InlineData(ActivitySort.Outcome, false, new[] { 4, 3, 1, 2, 5, 6 })]
    [InlineData(ActivitySort.Action, false, new[] { 6, 2, 1, 5, 3, 4 })]
    public async Task QueryAsync_Sorted_IsInThatOrderWithTiesNewestFirst(ActivitySort sort, bool descending, int[] expected)
    {
        Numbers(await QueryAsync(new ActivityQuery { Sort = sort, Descending = descending })).ShouldBe(expected);
    }

    [Fact]
    public async Task ForOrderAsync_IsThatOrdersRecordsNewestFirst()
    {
        var history = await _desk.ActivityLog().ForOrderAsync(Contoso, "order-1", Cancellation);

        history.Select(e => e.Detail).ShouldBe(["record 6", "record 1"]);
    }

    private async Task<ActivityResults> QueryAsync(ActivityQuery query) => await _desk.ActivityLog().QueryAsync(query, Cancellation);

    /// <summary>Which of the six records a page holds, by their number.</summary>
    private static IEnumerable<int> Numbers(ActivityResults page) => page.Entries.Select(e => int.Parse(e.Detail!["record ".Length..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Record <paramref name="number"/>, <paramref name="number"/> hours after <see cref="Start"/>.</summary>
    private static ActivityRecord Record(
        int number, string user, string? userId, ActivityAction action, string? customerId, string? customerName, string? orderId, ActivityOutcome outcome,
        Guid? jobId = null) => new()
    {
        At = Start.AddHours(number),
        UserName = user,
        UserId = userId,
        UserTenant = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001",
        Action = action,
        CustomerId = customerId,
        CustomerName = customerName,
        OrderId = orderId,
        Lines = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JobId = jobId,
        Outcome = outcome,
        Code = $"code-{number}",
        Detail = $"record {number}",
        CorrelationId = $"correlation-{number}",
        RequestId = $"request-{number}",
        Instance = $"host/{number}",
    };
}
