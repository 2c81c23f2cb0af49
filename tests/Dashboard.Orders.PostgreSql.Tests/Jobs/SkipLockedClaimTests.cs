using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// On PostgreSQL an instance claims a job with <c>FOR UPDATE SKIP LOCKED</c>: a job row that another instance's claim
/// has locked, and not yet committed, is passed over at once rather than waited for.
/// </summary>
public sealed class SkipLockedClaimTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimNextAsync_OldestJobLockedByAnotherClaim_TakesTheNextWithoutWaiting()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var jobs = await desk.QueuedJobsAsync(2);
        await using var db = await desk.StoreAsync();
        await using var other = new NpgsqlConnection(db.Database.GetConnectionString());
        await other.OpenAsync(Cancellation);
        await using var otherClaim = await other.BeginTransactionAsync(Cancellation);
        await using (var lockOldest = new NpgsqlCommand("SELECT 1 FROM \"Jobs\" WHERE \"Id\" = @id FOR UPDATE", other, otherClaim))
        {
            lockOldest.Parameters.AddWithValue("id", jobs[0]);
            await lockOldest.ExecuteNonQueryAsync(Cancellation);
        }

        // A claim that waited for the lock would wait until the other transaction ends, which is after this call.
        using var hung = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        hung.CancelAfter(TimeSpan.FromSeconds(30));
        var claimed = await desk.NewRunner().ClaimNextAsync(hung.Token);

        claimed.ShouldBe(jobs[1]);
        await otherClaim.RollbackAsync(Cancellation);
        (await desk.NewRunner().ClaimNextAsync(Cancellation)).ShouldBe(jobs[0]);
    }
}
