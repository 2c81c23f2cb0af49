using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// The activity log has no update or delete path: the code that writes it can only append and the code that reads it
/// only read; the store's context refuses to save a change or a removal of a record; and the SQLite file itself refuses
/// any <c>UPDATE</c> of the table and any <c>DELETE</c> of a record younger than 29 days (a day under the shortest retention), whoever sends it.
/// </summary>
public sealed class AppendOnlyActivityTests : IAsyncLifetime
{
    private static readonly string[] Forbidden = ["Update", "Delete", "Remove", "Change", "Edit", "Clear", "Purge", "Replace", "Set"];

    private JobDesk _desk = default!;

    public async ValueTask InitializeAsync()
    {
        // Nothing here talks to Partner Center.
        _desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await _desk.StartAsync(runner: false);
    }

    public async ValueTask DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public void ActivityTrail_CanOnlyAppend()
    {
        NonPrivateMethodsOf(typeof(ActivityTrail)).ShouldBe(["AppendAsync", "AppendOrLogAsync", "CurrentActorAsync", "get_Now"], ignoreOrder: true);
    }

    [Fact]
    public void ActivityLog_CanOnlyReadAndExport()
    {
        typeof(IActivityLog).GetMethods().Select(m => m.Name).ShouldBe(["QueryAsync", "ForOrderAsync", "ExportCsvAsync"], ignoreOrder: true);
        NonPrivateMethodsOf(typeof(ActivityLog)).ShouldBe(["QueryAsync", "ForOrderAsync", "ExportCsvAsync", "Describe"], ignoreOrder: true);
    }

    [Fact]
    public void ActivityTypes_HaveNoMethodNamedForAChange()
    {
        var offending = typeof(ActivityTrail).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ActivityTrail).Namespace && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && t != typeof(ActivityRetention))
            .SelectMany(t => NonPrivateMethodsOf(t).Select(m => $"{t.Name}.{m}"))
            .Where(m => Forbidden.Any(word => m.Split('.')[1].StartsWith(word, StringComparison.Ordinal)))
            .ToList();

        offending.ShouldBeEmpty();
    }

    [Fact]
    public void ActivityRecord_EveryPropertyIsInitOnly()
    {
        var settable = typeof(ActivityRecord).GetProperties()
            .Where(p => p.SetMethod is not { } setter || !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        settable.ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveChangesAsync_ChangedRecord_ThrowsAndTheRecordStaysAsItWas()
    {
        var id = await AppendAsync(DateTimeOffset.UtcNow.AddDays(-1), "As it happened.");
        await using (var db = await _desk.StoreAsync())
        {
            var record = await db.Activity.SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
            db.Entry(record).Property(r => r.Detail).CurrentValue = "Rewritten.";

            var thrown = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
            thrown.Message.ShouldContain("append-only");
            Should.Throw<InvalidOperationException>(() => db.SaveChanges());
        }

        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Detail.ShouldBe("As it happened.");
    }

    [Fact]
    public async Task SaveChangesAsync_RemovedRecord_ThrowsAndTheRecordStays()
    {
        var id = await AppendAsync(DateTimeOffset.UtcNow.AddDays(-400), "Old enough for retention, but not for anyone else.");
        await using (var db = await _desk.StoreAsync())
        {
            db.Activity.Remove(await db.Activity.SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
            Should.Throw<InvalidOperationException>(() => db.SaveChanges());
        }

        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task SaveChangesAsync_AttachedAsModified_Throws()
    {
        var id = await AppendAsync(DateTimeOffset.UtcNow, "As it happened.");
        await using var db = await _desk.StoreAsync();
        var forged = Record(DateTimeOffset.UtcNow, "Forged.", id);
        db.Activity.Update(forged);

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Detail.ShouldBe("As it happened.");
    }

    [Fact]
    public async Task ExecuteUpdateAsync_ThroughTheContext_IsRefusedByTheDatabase()
    {
        await AppendAsync(DateTimeOffset.UtcNow.AddDays(-400), "As it happened.");
        await using var db = await _desk.StoreAsync();

        var thrown = await Should.ThrowAsync<DbException>(() => db.Activity.ExecuteUpdateAsync(s => s.SetProperty(r => r.Detail, "Rewritten."), TestContext.Current.CancellationToken));

        thrown.Message.ShouldContain("The activity log is append-only: a record is never changed.");
        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Detail.ShouldBe("As it happened.");
    }

    [Theory]
    [InlineData("UPDATE \"Activity\" SET \"Detail\" = 'Rewritten.'")]
    [InlineData("UPDATE \"Activity\" SET \"UserName\" = 'Someone else' WHERE \"Id\" = 1")]
    [InlineData("UPDATE \"Activity\" SET \"At\" = \"At\"")]
    public async Task RawUpdate_AnyRecordOfAnyAge_IsRefusedByTheDatabase(string update)
    {
        await AppendAsync(DateTimeOffset.UtcNow.AddDays(-1000), "Very old.");
        await AppendAsync(DateTimeOffset.UtcNow, "New.");

        var thrown = await Should.ThrowAsync<DbException>(() => ExecuteAsync(update));

        thrown.Message.ShouldContain("append-only");
        (await _desk.ActivityAsync()).Select(r => (r.Detail, r.UserName)).ShouldBe([("Very old.", "Olivia Operator"), ("New.", "Olivia Operator")]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(28)]
    public async Task RawDelete_RecordYoungerThanTwentyNineDays_IsRefusedByTheDatabase(int daysOld)
    {
        var id = await AppendAsync(DateTimeOffset.UtcNow.AddDays(-daysOld).AddHours(-23), "Recent.");

        var thrown = await Should.ThrowAsync<DbException>(() => ExecuteAsync($"DELETE FROM \"Activity\" WHERE \"Id\" = {id}"));

        thrown.Message.ShouldContain("keeps every record of the last 29 days");
        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task RawDelete_OfEveryRecord_IsRefusedWholeWhileOneIsRecent()
    {
        await AppendAsync(DateTimeOffset.UtcNow.AddDays(-500), "Old.");
        await AppendAsync(DateTimeOffset.UtcNow.AddMinutes(-5), "Recent.");

        await Should.ThrowAsync<DbException>(() => ExecuteAsync("DELETE FROM \"Activity\""));

        (await _desk.ActivityAsync()).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(400)]
    public async Task RawDelete_RecordAsOldAsTheShortestRetention_IsAllowed(int daysOld)
    {
        var old = await AppendAsync(DateTimeOffset.UtcNow.AddDays(-daysOld), "Old.");
        var recent = await AppendAsync(DateTimeOffset.UtcNow.AddDays(-28), "Recent.");

        var deleted = await ExecuteAsync($"DELETE FROM \"Activity\" WHERE \"Id\" = {old}");

        deleted.ShouldBe(1);
        (await _desk.ActivityAsync()).ShouldHaveSingleItem().Id.ShouldBe(recent);
    }

    /// <summary>
    /// The names of the methods a type declares that other code can call (properties' accessors included; not the
    /// compiler's own, such as a local function, which only its method calls).
    /// </summary>
    private static IEnumerable<string> NonPrivateMethodsOf(Type type) =>
        type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => !m.IsPrivate && !m.Name.StartsWith('<'))
            .Select(m => m.Name)
            .Distinct();

    private async Task<long> AppendAsync(DateTimeOffset at, string detail)
    {
        await _desk.InsertAsync([Record(at, detail)]);
        return (await _desk.ActivityAsync()).Max(r => r.Id);
    }

    private static ActivityRecord Record(DateTimeOffset at, string detail, long id = 0) => new()
    {
        Id = id,
        At = at,
        UserName = "Olivia Operator",
        Action = ActivityAction.CancelOrder,
        CustomerId = "bd59b416-37f9-4d8f-8df3-5750111fc615",
        OrderId = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1",
        Outcome = ActivityOutcome.Applied,
        Detail = detail,
        Instance = "test",
    };

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var db = await _desk.StoreAsync();
#pragma warning disable EF1002 // The statements are the test's own constants.
        return await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
#pragma warning restore EF1002
    }
}
