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

    private static readonly string[] Columns =
    [
        "At", "UserName", "UserId", "UserTenant", "Action", "CustomerId", "CustomerName", "OrderId", "Lines", "JobId", "Outcome", "Code",
        "Detail", "CorrelationId", "RequestId", "Instance",
    ];

    /// <summary>
    /// Writes records straight to the table, as the columns hold them, fast enough for 100,000 records: on SQLite with
    /// one prepared statement in one transaction (the time as EF Core's binary value, enums as their names), on
    /// PostgreSQL with one binary <c>COPY</c>.
    /// </summary>
    public static async Task InsertAsync(this JobDesk desk, IEnumerable<ActivityRecord> records)
    {
        await using var db = await desk.StoreAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, records);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"Activity\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.ToDictionary(c => c, c =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "$" + c;
            insert.Parameters.Add(parameter);
            return parameter;
        });
        await insert.PrepareAsync();
        foreach (var record in records)
        {
            var values = Values(record, StoredTime.ConvertToProvider(record.At)!, record.JobId?.ToString().ToUpperInvariant());
            for (var i = 0; i < Columns.Length; i++)
            {
                parameters[Columns[i]].Value = values[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, IEnumerable<ActivityRecord> records)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"Activity\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var record in records)
        {
            await copy.StartRowAsync();
            foreach (var value in Values(record, record.At, record.JobId))
            {
                if (value is null)
                {
                    await copy.WriteNullAsync();
                }
                else
                {
                    await copy.WriteAsync(value);
                }
            }
        }

        await copy.CompleteAsync();
    }

    /// <summary>The record's values in the order of <see cref="Columns"/>, with the time and the job id as the provider stores them.</summary>
    private static object?[] Values(ActivityRecord record, object at, object? jobId) =>
    [
        at, record.UserName, record.UserId, record.UserTenant, record.Action.ToString(), record.CustomerId, record.CustomerName, record.OrderId,
        record.Lines, jobId, record.Outcome.ToString(), record.Code, record.Detail, record.CorrelationId, record.RequestId, record.Instance,
    ];

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
