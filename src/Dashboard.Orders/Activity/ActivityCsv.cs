using System.Globalization;
using CsvHelper;

namespace Dashboard.Orders.Activity;

/// <summary>
/// The activity log as CSV, with CsvHelper, written record by record as they stream from the database: 100,000 records
/// are never held at once. Cells a spreadsheet would run as a formula (beginning with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return) are escaped with a leading <c>'</c> (OWASP ASVS 1.2.10): names, descriptions
/// and ids come from users and from Partner Center.
/// </summary>
internal static class ActivityCsv
{
    /// <summary>How many records are written between flushes to the output, so the download moves while it is written.</summary>
    private const int FlushEvery = 1000;

    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    internal static readonly string[] Header =
    [
        "time (utc)", "user", "user object id", "user tenant", "action", "customer id", "customer", "order id", "lines", "job",
        "outcome", "partner center code", "detail", "ms-correlationid", "ms-requestid", "instance",
    ];

    public static async Task<int> WriteAsync(IAsyncEnumerable<ActivityEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            csv.WriteField(entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(entry.UserName);
            csv.WriteField(entry.UserId);
            csv.WriteField(entry.UserTenant);
            csv.WriteField(ActivityWords.Action(entry.Action));
            csv.WriteField(entry.CustomerId);
            csv.WriteField(entry.CustomerName);
            csv.WriteField(entry.OrderId);
            csv.WriteField(entry.Lines);
            csv.WriteField(entry.JobId?.ToString());
            csv.WriteField(ActivityWords.Outcome(entry.Outcome));
            csv.WriteField(entry.Code);
            csv.WriteField(entry.Detail);
            csv.WriteField(entry.CorrelationId);
            csv.WriteField(entry.RequestId);
            csv.WriteField(entry.Instance);
            await csv.EndRecordAsync(cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
