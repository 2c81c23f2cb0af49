using System.Data.Common;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>PostgreSQL can empty a table without deleting its rows one by one: the activity log refuses that too.</summary>
public sealed class TruncateActivityTests
{
    [Fact]
    public async Task RawTruncate_OfTheActivityLog_IsRefusedByTheDatabase()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        await desk.InsertAsync([new() { At = DateTimeOffset.UtcNow.AddDays(-400), UserName = "Olivia Operator", Instance = "test" }]);
        await using var db = await desk.StoreAsync();

        var thrown = await Should.ThrowAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"Activity\"", TestContext.Current.CancellationToken));

        thrown.Message.ShouldContain("never truncated");
        (await desk.ActivityAsync()).Count.ShouldBe(1);
    }
}
