using System.Globalization;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Tests.Activity;

/// <summary>
/// An export of 100,000 records streams them from the SQLite file to the output: the live managed memory, sampled as
/// the file is written, stays within a few megabytes of what it was before, far below what holding the records takes.
/// It runs alone, so that no other test's allocations count.
/// </summary>
[Collection(nameof(ExportMemoryActivityTests))]
public sealed class ExportMemoryActivityTests
{
    private const int Records = 100_000;

    /// <summary>
    /// The most the live managed memory may grow while exporting. Measured on the dashboard's machines: about 1 MB of
    /// growth, while holding the 100,000 records as entries takes about 125 MB (the test measures that too, and checks
    /// that it is well above this bound).
    /// </summary>
    private const long GrowthBound = 16 * 1024 * 1024;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportCsvAsync_100000Records_StreamsThemInFlatMemoryAndCsvHelperReadsThemAllBack()
    {
        await using var desk = JobDesk.For(LoopbackServer.AddressNobodyListensOn());
        await desk.StartAsync(runner: false);
        var now = DateTimeOffset.UtcNow;
        await desk.InsertAsync(Enumerable.Range(0, Records).Select(i => Generated(i, now)));
        var held = await MemoryToHoldEveryRecordAsync(desk);
        var path = Path.Combine(desk.Directory, "activity.csv");

        int written;
        MemorySampling sampling;
        await using (var file = File.Create(path))
        {
            sampling = new MemorySampling(file, sampleEveryBytes: 1024 * 1024);
            written = await desk.ActivityLog().ExportCsvAsync(new ActivityQuery(), sampling, Cancellation);
            sampling.Sample();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exported {written:N0} rows, {sampling.BytesWritten:N0} bytes. Live managed memory: baseline {sampling.Baseline:N0} bytes, " +
            $"peak {sampling.Peak:N0} bytes over {sampling.Samples} samples, growth {sampling.Peak - sampling.Baseline:N0} bytes " +
            $"(bound {GrowthBound:N0}). Holding the {Records:N0} records as entries takes {held:N0} bytes."));
        written.ShouldBe(Records);
        sampling.Samples.ShouldBeGreaterThan(10);
        held.ShouldBeGreaterThan(4 * GrowthBound, "the bound would not tell streaming from holding the records");
        (sampling.Peak - sampling.Baseline).ShouldBeLessThan(GrowthBound);

        var count = 0;
        var escaped = 0;
        await using (var file = File.OpenRead(path))
        {
            var header = CsvFile.Read(file, row =>
            {
                row.Length.ShouldBe(16);
                count++;
                escaped += row[1].StartsWith("'=", StringComparison.Ordinal) ? 1 : 0;
            });
            header.ShouldBe(ActivityCsv.Header);
        }

        count.ShouldBe(Records);
        escaped.ShouldBe(Records / 1000);
        var export = (await desk.ActivityAsync())[^1];
        export.Action.ShouldBe(ActivityAction.Export);
        export.Detail.ShouldBe("Activity log CSV: 100000 records. No filters.");
    }

    /// <summary>How much live managed memory the records take when read whole, as entries, as an export must not.</summary>
    private static async Task<long> MemoryToHoldEveryRecordAsync(JobDesk desk)
    {
        await using var db = await desk.StoreAsync();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var all = await db.Activity.AsNoTracking()
            .Select(r => new ActivityEntry(r.Id, r.At, r.UserName, r.UserId, r.UserTenant, r.Action, r.CustomerId, r.CustomerName, r.OrderId, r.Lines,
                r.JobId, r.Outcome, r.Code, r.Detail, r.CorrelationId, r.RequestId, r.Instance))
            .ToListAsync(Cancellation);
        var holding = GC.GetTotalMemory(forceFullCollection: true) - before;
        all.Count.ShouldBe(Records);
        return holding;
    }

    /// <summary>A record as the dashboard writes them, of realistic length; one in a thousand by a user whose name is a formula.</summary>
    private static ActivityRecord Generated(int i, DateTimeOffset now) => new()
    {
        At = now.AddSeconds(-i * 5),
        UserName = i % 1000 == 0 ? $"=HYPERLINK(\"https://evil.example/{i}\")" : $"Olivia Operator {i % 40}",
        UserId = Guid.NewGuid().ToString(),
        UserTenant = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001",
        Action = (ActivityAction)(i % 8),
        CustomerId = Guid.NewGuid().ToString(),
        CustomerName = $"Customer {i % 75} Sandbox Lab",
        OrderId = $"UKXASSO1dezh3HdxClHxSp5UE{i:D8}",
        Lines = i % 3 == 0 ? "1, 3" : null,
        JobId = i % 2 == 0 ? Guid.NewGuid() : null,
        Outcome = (ActivityOutcome)(i % 7),
        Code = i % 7 == 2 ? "800063" : null,
        Detail = $"Partner Center reports the order as cancelled. Record {i} of the export test, long enough to look like a real description.",
        CorrelationId = Guid.NewGuid().ToString(),
        RequestId = Guid.NewGuid().ToString(),
        Instance = "dashboard-7f9c4b-x2kqp/4242",
    };

    /// <summary>
    /// Passes what is written on to <paramref name="inner"/>, and every <paramref name="sampleEveryBytes"/> bytes samples
    /// the live managed memory (after a full collection), keeping the highest sample; the baseline is taken when it is made.
    /// </summary>
    private sealed class MemorySampling(Stream inner, long sampleEveryBytes) : Stream
    {
        private long _lastSample;

        public long Baseline { get; } = GC.GetTotalMemory(forceFullCollection: true);

        public long Peak { get; private set; }

        public int Samples { get; private set; }

        public long BytesWritten { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Sample()
        {
            Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true));
            Samples++;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written(buffer.Length);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written(buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Written(int count)
        {
            BytesWritten += count;
            if (BytesWritten - _lastSample >= sampleEveryBytes)
            {
                Sample();
                _lastSample = BytesWritten;
            }
        }
    }
}

/// <summary>Tests that measure the process's memory run alone, after the others.</summary>
[CollectionDefinition(nameof(ExportMemoryActivityTests), DisableParallelization = true)]
public sealed class MeasuredAlone;
