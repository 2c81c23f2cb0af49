using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Activity;

/// <summary>
/// Appends records to the activity log, and nothing else: there is no way here to change or remove one. Records that
/// describe a change of the dashboard's own state (a job, its items) are added to that change's own transaction
/// instead, by the code that makes it. A host without a store (<c>AddOrders</c> alone, as in some tests) gets its
/// records in the operators' log instead.
/// </summary>
internal sealed class ActivityTrail(
    IEnumerable<IDbContextFactory<DashboardDbContext>> stores,
    IEnumerable<ICurrentUserAccessor> users,
    TimeProvider time,
    ILogger<ActivityTrail> logger)
{
    /// <summary>The user of the circuit or request now (or the job's user, inside a job).</summary>
    public async Task<ActivityActor> CurrentActorAsync(CancellationToken cancellationToken) =>
        ActivityActor.Of(users.FirstOrDefault() is { } accessor ? await accessor.GetUserAsync(cancellationToken) : null);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Writes one record in a transaction of its own. Throws when it cannot be written.</summary>
    public async Task AppendAsync(ActivityRecord record, CancellationToken cancellationToken)
    {
        if (stores.FirstOrDefault() is not { } store)
        {
            Log(LogLevel.Information, null, "not stored (no store configured)", record);
            return;
        }

        await using var db = await store.CreateDbContextAsync(cancellationToken);
        db.Activity.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one record about a change made outside the dashboard (a cancel sent to Partner Center), which has
    /// happened whatever the log can do: when the store cannot take it, the whole record goes to the operators' log
    /// as an error instead, and the user still sees the answer.
    /// </summary>
    public async Task AppendOrLogAsync(ActivityRecord record)
    {
        try
        {
            await AppendAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            Log(LogLevel.Error, ex, "could not be stored", record);
        }
    }

    /// <summary>The whole record as one log event, its given values cleaned of line breaks.</summary>
    private void Log(LogLevel level, Exception? error, string what, ActivityRecord record) =>
        logger.Log(level, error,
            "Activity record {Disposition}: {Action} by {UserName} ({UserId}) of customer {CustomerId} order {OrderId} lines {Lines}: " +
            "{ActivityOutcome} {Code} {Detail} (correlation {CorrelationId}, request {RequestId}, at {At:o})",
            what, record.Action, LogText.Clean(record.UserName), LogText.Clean(record.UserId), LogText.Clean(record.CustomerId),
            LogText.Clean(record.OrderId), record.Lines, record.Outcome, LogText.Clean(record.Code), LogText.Clean(record.Detail),
            LogText.Clean(record.CorrelationId), record.RequestId, record.At);
}
