using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// Retention removes the records older than <c>Activity:RetentionDays</c> and no other, and logs how many. The
/// database's own guard (no record younger than 29 days is deleted) measures age by SQLite's clock, so the records are
/// dated from the real now and retention runs on the real clock.
/// </summary>
public sealed class RetentionActivityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemoveExpiredAsync_DefaultRetention_RemovesOnlyTheRecordsOlderThan400DaysAndLogsHowMany()
    {
        await using var desk = await DeskAsync();
        var now = DateTimeOffset.UtcNow;
        await desk.InsertAsync([Aged(now, 900), Aged(now, 401), Aged(now, 400.01), Aged(now, 399.99), Aged(now, 31), Aged(now, 1), Aged(now, 0)]);

        var removed = await desk.Services.GetRequiredService<ActivityRetention>().RemoveExpiredAsync(Cancellation);

        removed.ShouldBe(3);
        (await desk.ActivityAsync()).Select(r => r.Detail).ShouldBe(["399.99 days old", "31 days old", "1 days old", "0 days old"]);
        var logged = desk.Logs.From(typeof(ActivityRetention).FullName!).ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Information);
        logged.Properties["Count"].ShouldBe("3");
        logged.Properties["RetentionDays"].ShouldBe("400");
        logged.Message.ShouldStartWith("Activity retention removed 3 records older than 400 days");
    }

    [Fact]
    public async Task RemoveExpiredAsync_ShortestRetention_RemovesWhatIsJustOlderThan30DaysAndKeepsTheRest()
    {
        await using var desk = await DeskAsync(("Activity:RetentionDays", "30"));
        var now = DateTimeOffset.UtcNow;
        await desk.InsertAsync([Aged(now, 30.05), Aged(now, 29.95), Aged(now, 2)]);

        var removed = await desk.Services.GetRequiredService<ActivityRetention>().RemoveExpiredAsync(Cancellation);

        removed.ShouldBe(1);
        (await desk.ActivityAsync()).Select(r => r.Detail).ShouldBe(["29.95 days old", "2 days old"]);
        desk.Logs.From(typeof(ActivityRetention).FullName!).ShouldHaveSingleItem().Properties["Count"].ShouldBe("1");
    }

    [Fact]
    public async Task RemoveExpiredAsync_MoreOldRecordsThanOneBatch_RemovesThemAllInBatchesAndKeepsTheRecentOnes()
    {
        await using var desk = await DeskAsync();
        var now = DateTimeOffset.UtcNow;
        var old = ActivityRetention.Batch * 2 + 17;
        await desk.InsertAsync([.. Enumerable.Range(0, old).Select(i => Aged(now, 401 + (i % 50))), Aged(now, 3), Aged(now, 0)]);

        var removed = await desk.Services.GetRequiredService<ActivityRetention>().RemoveExpiredAsync(Cancellation);

        removed.ShouldBe(old);
        (await desk.ActivityAsync()).Select(r => r.Detail).ShouldBe(["3 days old", "0 days old"]);
        desk.Logs.From(typeof(ActivityRetention).FullName!).ShouldHaveSingleItem().Properties["Count"].ShouldBe(old.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RemoveExpiredAsync_NothingOld_RemovesNothingAndLogsNothing()
    {
        await using var desk = await DeskAsync();
        var now = DateTimeOffset.UtcNow;
        await desk.InsertAsync([Aged(now, 399), Aged(now, 0)]);

        var removed = await desk.Services.GetRequiredService<ActivityRetention>().RemoveExpiredAsync(Cancellation);

        removed.ShouldBe(0);
        (await desk.ActivityAsync()).Count.ShouldBe(2);
        desk.Logs.From(typeof(ActivityRetention).FullName!).ShouldBeEmpty();
    }

    [Fact]
    public async Task HostStart_RemovesTheExpiredRecords()
    {
        await using var desk = await DeskAsync();
        var now = DateTimeOffset.UtcNow;
        await desk.InsertAsync([Aged(now, 500), Aged(now, 10)]);

        await desk.StartAsync();

        var logged = await desk.Logs.WaitForAsync(e => e.Category == typeof(ActivityRetention).FullName, Cancellation);
        logged.Properties["Count"].ShouldBe("1");
        (await desk.ActivityAsync()).ShouldHaveSingleItem().Detail.ShouldBe("10 days old");
    }

    [Theory]
    [InlineData("29")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Options_RetentionShorterThan30Days_AreRefusedNamingTheKey(string days)
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn(), null, ("Activity:RetentionDays", days));

        var thrown = Should.Throw<OptionsValidationException>(() => desk.Services.GetRequiredService<IOptions<ActivityOptions>>().Value);

        thrown.Message.ShouldContain("Activity:RetentionDays must be between 30 and 36500.");
    }

    /// <summary>A desk whose store is migrated; its runner and retention have not started. Nothing here talks to Partner Center.</summary>
    private static async Task<JobDesk> DeskAsync(params (string Key, string? Value)[] settings)
    {
        var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn(), null, settings);
        await desk.StartAsync(runner: false);
        return desk;
    }

    private static ActivityRecord Aged(DateTimeOffset now, double days) => new()
    {
        At = now.AddDays(-days),
        UserName = "Olivia Operator",
        Action = ActivityAction.CancelOrder,
        CustomerId = "bd59b416-37f9-4d8f-8df3-5750111fc615",
        OrderId = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1",
        Outcome = ActivityOutcome.Applied,
        Detail = FormattableString.Invariant($"{days} days old"),
        Instance = "test",
    };
}
