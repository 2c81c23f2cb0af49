using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The job desk's activity log: read as the pages read it (<see cref="IActivityLog"/>) or straight from its table, and
/// written there directly when a test needs records of its own (old ones, many ones).
/// </summary>
internal static class ActivityStore
{
    private static readonly DateTimeOffsetToBinaryConverter StoredTime = new();

    /// <summary>A fresh activity log, as a page gets one: it records exports for the desk's user.</summary>
    public static IActivityLog ActivityLog(this JobDesk desk) => desk.Services.CreateScope().ServiceProvider.GetRequiredService<IActivityLog>();

    /// <summary>Every record of the log, oldest first.</summary>
    public static async Task<IReadOnlyList<ActivityRecord>> ActivityAsync(this JobDesk desk)
    {
        await using var db = await desk.StoreAsync();
        return await db.Activity.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>The records of one job, oldest first.</summary>
    public static async Task<IReadOnlyList<ActivityRecord>> ActivityOfJobAsync(this JobDesk desk, Guid jobId) =>
        [.. (await desk.ActivityAsync()).Where(r => r.JobId == jobId)];

    /// <summary>
    /// Writes records straight to the table with one prepared statement in one transaction, as the columns hold them
    /// (the time as EF Core's binary value, enums as their names): fast enough for 100,000 records.
    /// </summary>
    public static async Task InsertAsync(this JobDesk desk, IEnumerable<ActivityRecord> records)
    {
        await using var db = await desk.StoreAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        string[] columns =
        [
            "At", "UserName", "UserId", "UserTenant", "Action", "CustomerId", "CustomerName", "OrderId", "Lines", "JobId", "Outcome", "Code",
            "Detail", "CorrelationId", "RequestId", "Instance",
        ];
        insert.CommandText = $"INSERT INTO \"Activity\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var parameters = columns.ToDictionary(c => c, c =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "$" + c;
            insert.Parameters.Add(parameter);
            return parameter;
        });
        await insert.PrepareAsync();
        foreach (var record in records)
        {
            parameters["At"].Value = StoredTime.ConvertToProvider(record.At);
            parameters["UserName"].Value = record.UserName;
            parameters["UserId"].Value = (object?)record.UserId ?? DBNull.Value;
            parameters["UserTenant"].Value = (object?)record.UserTenant ?? DBNull.Value;
            parameters["Action"].Value = record.Action.ToString();
            parameters["CustomerId"].Value = (object?)record.CustomerId ?? DBNull.Value;
            parameters["CustomerName"].Value = (object?)record.CustomerName ?? DBNull.Value;
            parameters["OrderId"].Value = (object?)record.OrderId ?? DBNull.Value;
            parameters["Lines"].Value = (object?)record.Lines ?? DBNull.Value;
            parameters["JobId"].Value = (object?)record.JobId?.ToString().ToUpperInvariant() ?? DBNull.Value;
            parameters["Outcome"].Value = record.Outcome.ToString();
            parameters["Code"].Value = (object?)record.Code ?? DBNull.Value;
            parameters["Detail"].Value = (object?)record.Detail ?? DBNull.Value;
            parameters["CorrelationId"].Value = (object?)record.CorrelationId ?? DBNull.Value;
            parameters["RequestId"].Value = (object?)record.RequestId ?? DBNull.Value;
            parameters["Instance"].Value = record.Instance;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Ends an item as a run ends it, for a test that leaves the store as a crashed instance left it: the item's outcome
    /// and its activity record in one transaction.
    /// </summary>
    public static async Task EndedWithRecordAsync(this JobDesk desk, Guid jobId, string orderId, JobItemOutcome outcome, string description)
    {
        await using var db = await desk.StoreAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        var item = await db.JobItems.SingleAsync(i => i.JobId == jobId && i.OrderId == orderId);
        item.Stage = JobItemStage.Done;
        item.Outcome = outcome;
        item.Retryable = false;
        item.Description = description;
        item.FinishedAt = DateTimeOffset.UtcNow;
        db.Activity.Add(ActivityRecords.JobItem(job, item, item.FinishedAt.Value));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The item records of a job, one per item, matched to the items by order (or, for a customer delete, customer):
    /// each with the item's outcome as the log words it, and its code, description and ids.
    /// </summary>
    public static async Task ItemRecordsShouldEqualItemsAsync(this JobDesk desk, Guid jobId)
    {
        var items = await desk.ItemRecordsAsync(jobId);
        var records = (await desk.ActivityOfJobAsync(jobId)).Where(r => r.Action is ActivityAction.JobCancelOrder or ActivityAction.DeleteCustomer).ToList();

        items.ShouldAllBe(i => i.Stage == JobItemStage.Done, "every item of the job has ended");
        records.Select(Key).ShouldBe(items.Select(Key), ignoreOrder: true);
        foreach (var item in items)
        {
            var record = records.Single(r => Key(r) == Key(item));
            record.Outcome.ShouldBe(OutcomeOf(item.Outcome), $"the record of {Key(item)}");
            record.Code.ShouldBe(item.ErrorCode);
            record.Detail.ShouldBe(item.Description);
            record.CorrelationId.ShouldBe(item.CorrelationId);
            record.RequestId.ShouldBe(item.RequestId);
            record.CustomerName.ShouldBe(item.CustomerName);
        }
    }

    /// <summary>The record names the desk's signed-in operator (<see cref="JobDesk.Operator"/>): display name, object id and tenant.</summary>
    public static void ShouldBeByTheOperator(this ActivityRecord record)
    {
        record.UserName.ShouldBe("Olivia Operator");
        record.UserId.ShouldBe(JobDesk.Operator.FindFirst("oid")!.Value);
        record.UserTenant.ShouldBe(JobDesk.Operator.FindFirst("tid")!.Value);
    }

    /// <summary>How the log words an item's outcome.</summary>
    public static ActivityOutcome OutcomeOf(JobItemOutcome outcome) => outcome switch
    {
        JobItemOutcome.Cancelled => ActivityOutcome.Applied,
        JobItemOutcome.AlreadyCancelled => ActivityOutcome.AlreadyDone,
        JobItemOutcome.Refused => ActivityOutcome.Refused,
        JobItemOutcome.Skipped => ActivityOutcome.Skipped,
        JobItemOutcome.Unknown => ActivityOutcome.Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "an item that has not ended has no record"),
    };

    private static string Key(JobItemRecord item) =>
        $"{(item.Kind == JobItemKind.DeleteCustomer ? ActivityAction.DeleteCustomer : ActivityAction.JobCancelOrder)} {item.CustomerId} {item.OrderId}";

    private static string Key(ActivityRecord record) => $"{record.Action} {record.CustomerId} {record.OrderId}";
}
