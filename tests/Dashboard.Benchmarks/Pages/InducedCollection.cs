using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Asks a running .NET process for a full, blocking garbage collection, as <c>dotnet-gcdump</c> does: an EventPipe
/// session on the runtime provider with the GCHeapCollect keyword makes the runtime collect when the session starts
/// (docs/performance.md#memory-per-circuit). The same session listens to the GC's own events, whose statistics after
/// that collection give the size of what is alive.
/// </summary>
internal static class InducedCollection
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>
    /// Collects, and returns what survived that full collection (the runtime's GCHeapStats after it: the bytes promoted,
    /// which for a full collection is every live object, without the free space between them).
    /// </summary>
    public static async Task<long> CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        long survived = -1;
        var read = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var induced = false;
            // Only the induced full collection's statistics: a gen0 collection in the same second reports a heap that
            // still holds the garbage of older generations.
            source.Clr.GCStart += start => induced = survived < 0 && start.Depth == 2 && start.Reason == GCReason.Induced;
            source.Clr.GCHeapStats += stats =>
            {
                if (induced)
                {
                    Interlocked.Exchange(ref survived, stats.TotalPromoted);
                    induced = false;
                }
            };
            source.Process();
        });
        // The collection runs when the session is enabled and blocks the process; a second is ample for a heap of
        // tens of megabytes, and the session's end waits for the runtime to answer.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await session.StopAsync(CancellationToken.None);
        await read;
        return survived >= 0 ? survived : throw new InvalidOperationException($"Process {processId} reported no induced full collection.");
    }
}
