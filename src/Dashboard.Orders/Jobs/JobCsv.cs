using System.Globalization;
using CsvHelper;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// A job's outcomes as CSV, one line per item, with CsvHelper. Cells that a spreadsheet would run as a formula (those
/// that begin with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) are escaped with a leading
/// <c>'</c> (OWASP ASVS 1.2.10): descriptions and names come from Partner Center and from users.
/// </summary>
internal static class JobCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    private static readonly string[] Header =
    [
        "job", "item", "kind", "customer id", "customer", "order id", "order", "outcome", "partner center code", "description",
        "ms-correlationid", "ms-requestid", "time (utc)",
    ];

    public static async Task WriteAsync(JobDetails job, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var item in job.Items)
        {
            csv.WriteField(job.Job.Id.ToString());
            csv.WriteField(item.Sequence.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(item.Kind == JobItemKind.DeleteCustomer ? "delete customer" : "cancel order");
            csv.WriteField(item.CustomerId);
            csv.WriteField(item.CustomerName);
            csv.WriteField(item.OrderId);
            csv.WriteField(item.OrderAlternateId);
            csv.WriteField(JobWords.Outcome(item));
            csv.WriteField(item.ErrorCode);
            csv.WriteField(item.Description);
            csv.WriteField(item.CorrelationId);
            csv.WriteField(item.RequestId);
            csv.WriteField(item.FinishedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
