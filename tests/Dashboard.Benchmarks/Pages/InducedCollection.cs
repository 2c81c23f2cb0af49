using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Asks a running .NET process for a full, blocking garbage collection, as <c>dotnet-gcdump</c> does: an EventPipe
/// session on the runtime provider with the GCHeapCollect keyword makes the runtime collect when the session starts
/// (docs/performance.md#memory-per-circuit). The same session listens to the GC's own events, whose heap statistics
/// after the collection give the size of what is alive.
/// </summary>
internal static class InducedCollection
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Collects, and returns the managed heap's size after the collection (the runtime's GCHeapStats event).</summary>
    public static async Task<long> CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        long heap = -1;
        var read = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCHeapStats += stats => Interlocked.Exchange(ref heap, stats.TotalHeapSize);
            source.Process();
        });
        // The collection runs when the session is enabled and blocks the process; a second is ample for a heap of
        // tens of megabytes, and the session's end waits for the runtime to answer.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await session.StopAsync(CancellationToken.None);
        await read;
        return heap >= 0 ? heap : throw new InvalidOperationException($"Process {processId} reported no heap statistics after the collection.");
    }
}
