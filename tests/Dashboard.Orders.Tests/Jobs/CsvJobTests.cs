using System.Globalization;
using System.Text;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// A job's outcomes as CSV: a header, one row per item, and no cell a spreadsheet would run as a formula.
/// </summary>
public sealed class CsvJobTests : IAsyncLifetime
{
    private static readonly string[] Header =
    [
        "job", "item", "kind", "customer id", "customer", "order id", "order", "outcome", "partner center code", "description",
        "ms-correlationid", "ms-requestid", "time (utc)",
    ];

    private RunningEmulator _emulator = default!;
    private JobDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = JobDesk.For(_emulator.BaseAddress);
        await _desk.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task WriteCsvAsync_FinishedJob_WritesAHeaderAndOneRowPerItem()
    {
        var jobId = await FinishedJobAsync();

        var rows = await CsvAsync(jobId);

        rows[0].ShouldBe(Header);
        rows.Count.ShouldBe(1 + 4);
        rows.Skip(1).ShouldAllBe(r => r.Length == Header.Length && r[0] == jobId.ToString());
        rows.Skip(1).Select(r => r[1]).ShouldBe(["1", "2", "3", "4"]);
        var cancelled = rows.Single(r => r[5] == SeedIds.SeedDocumentOrder);
        cancelled[2].ShouldBe("cancel order");
        cancelled[3].ShouldBe(SeedIds.Contoso);
        cancelled[4].ShouldBe("Contoso Sandbox Lab");
        cancelled[7].ShouldBe("cancelled");
        cancelled[11].ShouldNotBeNullOrEmpty();
        DateTime.ParseExact(cancelled[12], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(DateTime.UtcNow);
        rows.Single(r => r[5] == SeedIds.ContosoSaaS)[7].ShouldBe("skipped");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/\",\"Click\")")]
    [InlineData("+1+2")]
    [InlineData("@SUM(A1)")]
    [InlineData("-2+3")]
    public async Task WriteCsvAsync_CellThatASpreadsheetWouldRun_IsEscapedWithALeadingQuote(string formula)
    {
        var jobId = await FinishedJobAsync();
        await _desk.ChangeItemAsync(jobId, SeedIds.ContosoSaaS, item => item.Description = formula);

        var rows = await CsvAsync(jobId);

        rows.Single(r => r[5] == SeedIds.ContosoSaaS)[9].ShouldBe("'" + formula);
        rows.SelectMany(r => r).ShouldNotContain(cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteCsvAsync_UnknownJob_IsFalseAndWritesNothing()
    {
        using var output = new MemoryStream();

        var written = await _desk.Jobs.WriteCsvAsync(Guid.NewGuid(), output, Cancellation);

        written.ShouldBeFalse();
        output.Length.ShouldBe(0);
    }

    private async Task<Guid> FinishedJobAsync()
    {
        string[] orders = [SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance, SeedIds.ContosoSaaS, SeedIds.ContosoNewCommerce];
        var plan = (await _desk.Jobs.PreviewBulkCancelAsync(SeedIds.Contoso, orders, Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await _desk.Jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        await _desk.FinishedAsync(jobId);
        return jobId;
    }

    /// <summary>The rows of the job's CSV (after its byte order mark), read as any CSV reader would.</summary>
    private async Task<List<string[]>> CsvAsync(Guid jobId)
    {
        using var output = new MemoryStream();
        (await _desk.Jobs.WriteCsvAsync(jobId, output, Cancellation)).ShouldBeTrue();
        var text = Encoding.UTF8.GetString(output.ToArray());
        text[0].ShouldBe('\uFEFF');
        return ParseCsv(text[1..]);
    }

    /// <summary>RFC 4180: fields separated by commas, records by CRLF or LF, quoted fields with doubled quotes.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
