using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Asks a running .NET process for a full, blocking garbage collection, as <c>dotnet-gcdump</c> does: an EventPipe
/// session on the runtime provider with the GCHeapCollect keyword makes the runtime collect when the session starts
/// (docs/performance.md#memory-per-circuit).
/// </summary>
internal static class InducedCollection
{
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        // The collection runs when the session is enabled and blocks the process; a second is ample for a heap of
        // tens of megabytes, and the session's end waits for the runtime to answer.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await session.StopAsync(CancellationToken.None);
        await drain;
    }
}
