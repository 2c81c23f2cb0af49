using System.Data.Common;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// The activity log's CSV export: CsvHelper reads it back with its header and one record per matching record; cells a
/// spreadsheet would run as a formula are escaped; and every export is recorded first, with its filters and count.
/// How much memory an export of 100,000 records takes is in <see cref="ExportMemoryActivityTests"/>.
/// </summary>
public sealed class ExportActivityTests
{
    private static readonly string[] Header =
    [
        "time (utc)", "user", "user object id", "user tenant", "action", "customer id", "customer", "order id", "lines", "job",
        "outcome", "partner center code", "detail", "ms-correlationid", "ms-requestid", "instance",
    ];

    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportCsvAsync_WritesTheHeaderAndEveryFieldOfEachRecordNewestFirst()
    {
        await using var desk = await DeskAsync();
        var jobId = Guid.NewGuid();
        await desk.InsertAsync([Record(1, "Olivia Operator"), Record(2, "Riley Reader", jobId: jobId, outcome: ActivityOutcome.Denied)]);
        using var output = new MemoryStream();

        var written = await desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), output, Cancellation);

        written.ShouldBe(2);
        var (header, rows) = CsvFile.ReadAll(output);
        header.ShouldBe(Header);
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(
        [
            "2026-11-20 10:00:00", "Riley Reader", "object-2", "tenant-2", "Cancel order", "customer-2", "Customer 2 Ltd", "order-2", "1, 2", jobId.ToString(),
            "Denied by the dashboard", "code-2", "detail 2", "correlation-2", "request-2", "host/2",
        ]);
        rows[1][1].ShouldBe("Olivia Operator");
        rows[1][9].ShouldBeEmpty();
        output.ToArray()[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a UTF-8 byte order mark, for spreadsheets");
    }

    [Theory]
    [InlineData("=")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("@")]
    [InlineData("\t")]
    [InlineData("\r")]
    public async Task ExportCsvAsync_CellsBeginningWithAFormulaCharacter_AreEscapedWithALeadingQuote(string start)
    {
        await using var desk = await DeskAsync();
        var payload = start + "HYPERLINK(\"https://evil.example/\",\"Click\")";
        await desk.InsertAsync([Record(1, payload, everyText: payload)]);
        using var output = new MemoryStream();

        await desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), output, Cancellation);

        var row = CsvFile.ReadAll(output).Rows.ShouldHaveSingleItem();
        int[] given = [1, 2, 6, 7, 8, 11, 12, 13, 14, 15];
        given.Select(i => row[i]).ShouldAllBe(cell => cell == "'" + payload);
        row[5].ShouldBe("customer-1");
    }

    [Theory]
    [InlineData("Olivia = boss")]
    [InlineData("3-2")]
    [InlineData("'quoted")]
    [InlineData("café @ noon")]
    public async Task ExportCsvAsync_OtherCells_AreWrittenAsGiven(string value)
    {
        await using var desk = await DeskAsync();
        await desk.InsertAsync([Record(1, value, everyText: value)]);
        using var output = new MemoryStream();

        await desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), output, Cancellation);

        var row = CsvFile.ReadAll(output).Rows.ShouldHaveSingleItem();
        row[1].ShouldBe(value);
        row[12].ShouldBe(value);
    }

    [Fact]
    public async Task ExportCsvAsync_RecordsTheExportForTheUserWithItsCountAndLeavesThatRecordOutOfTheFile()
    {
        await using var desk = await DeskAsync();
        await desk.InsertAsync([Record(1, "Olivia Operator"), Record(2, "Riley Reader"), Record(3, "Riley Reader")]);
        using var output = new MemoryStream();
        var before = DateTimeOffset.UtcNow;

        var written = await desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), output, Cancellation);

        written.ShouldBe(3);
        CsvFile.ReadAll(output).Rows.Count.ShouldBe(3);
        var records = await desk.ActivityAsync();
        records.Count.ShouldBe(4);
        var export = records[^1];
        export.ShouldBeByTheOperator();
        export.Action.ShouldBe(ActivityAction.Export);
        export.Outcome.ShouldBe(ActivityOutcome.Applied);
        export.Detail.ShouldBe("Activity log CSV: 3 records. No filters.");
        export.At.ShouldBeGreaterThanOrEqualTo(before.AddMilliseconds(-1));
        export.Instance.ShouldBe($"{Environment.MachineName}/{Environment.ProcessId}");
        export.JobId.ShouldBeNull();
        desk.Logs.From(typeof(ActivityLog).FullName!).ShouldHaveSingleItem().Properties["Count"].ShouldBe("3");
    }

    [Fact]
    public async Task ExportCsvAsync_Filtered_ExportsOnlyTheMatchingRecordsAndRecordsTheFilters()
    {
        await using var desk = await DeskAsync();
        await desk.InsertAsync(
        [
            Record(1, "Olivia Operator", customerId: "contoso"),
            Record(2, "Olivia Operator", customerId: "contoso"),
            Record(3, "Olivia Operator", customerId: "fabrikam"),
            Record(4, "Olivia Operator", customerId: "contoso"),
        ]);
        using var output = new MemoryStream();
        var query = new ActivityQuery { Customer = "contoso", From = Start.AddHours(2), To = Start.AddHours(5), Skip = 1, Take = 1 };

        var written = await desk.ActivityLog().ExportCsvAsync(query, output, Cancellation);

        written.ShouldBe(2);
        CsvFile.ReadAll(output).Rows.Select(r => r[12]).ShouldBe(["detail 4", "detail 2"]);
        (await desk.ActivityAsync())[^1].Detail.ShouldBe(
            "Activity log CSV: 2 records. Filters: from 2026-11-20 10:00:00Z; to 2026-11-20 13:00:00Z; customer contoso.");
    }

    [Fact]
    public async Task ExportCsvAsync_ExportCannotBeRecorded_ThrowsAndWritesNothing()
    {
        var refusing = new RefuseExportRecords();
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn(), null, refusing);
        await desk.StartAsync(runner: false);
        await desk.InsertAsync([Record(1, "Olivia Operator")]);
        using var output = new MemoryStream();

        await Should.ThrowAsync<DbUpdateException>(() => desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), output, Cancellation));

        output.Length.ShouldBe(0);
        (await desk.ActivityAsync()).ShouldHaveSingleItem();
    }

    private static async Task<JobDesk> DeskAsync()
    {
        var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        return desk;
    }

    /// <summary>
    /// Record <paramref name="number"/>, <paramref name="number"/> hours after <see cref="Start"/>, by <paramref name="user"/>;
    /// with <paramref name="everyText"/>, that is every text a user or Partner Center could have given (all but the customer id).
    /// </summary>
    private static ActivityRecord Record(
        int number, string user, string? everyText = null, Guid? jobId = null, ActivityOutcome outcome = ActivityOutcome.Applied, string? customerId = null) => new()
    {
        At = Start.AddHours(number),
        UserName = user,
        UserId = everyText ?? $"object-{number}",
        UserTenant = $"tenant-{number}",
        Action = ActivityAction.CancelOrder,
        CustomerId = customerId ?? $"customer-{number}",
        CustomerName = everyText ?? $"Customer {number} Ltd",
        OrderId = everyText ?? $"order-{number}",
        Lines = everyText ?? "1, 2",
        JobId = jobId,
        Outcome = outcome,
        Code = everyText ?? $"code-{number}",
        Detail = everyText ?? $"detail {number}",
        CorrelationId = everyText ?? $"correlation-{number}",
        RequestId = everyText ?? $"request-{number}",
        Instance = everyText ?? $"host/{number}",
    };

    /// <summary>A store that cannot take the record of an export.</summary>
    private sealed class RefuseExportRecords : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"Activity\"", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, nameof(ActivityAction.Export))))
            {
                throw new InvalidOperationException("The store cannot take the record (a test's doing).");
            }

            return ValueTask.FromResult(result);
        }
    }
}
