using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What a first load moved: HTTP responses received and WebSocket messages both ways.</summary>
/// <param name="HttpBytes">The sum of <c>Network.loadingFinished.encodedDataLength</c>: each response as it came over the wire (compressed body and headers, as Chrome counts a transfer).</param>
/// <param name="WebSocketBytes">The payload lengths of <c>Network.webSocketFrameSent</c> and <c>webSocketFrameReceived</c> (binary frames decoded from base64; messages as the application sees them, before any per-message compression).</param>
internal sealed record TrafficCount(long HttpBytes, int HttpResponses, long WebSocketBytes, long WebSocketReceivedBytes, int WebSocketMessages, long LargestWebSocketMessage);

/// <summary>
/// Counts a page's traffic through the Chrome DevTools Protocol (Playwright's CDP session), from the navigation on, by
/// the browser's timestamps, so that a count "until the first row showed" can be cut at the probe's wall-clock time.
/// </summary>
internal sealed class FirstLoadTraffic
{
    private readonly Lock _lock = new();
    private readonly List<(double Timestamp, long Bytes, Kind Kind)> _events = [];
    private double? _wallMinusMonotonic;

    private enum Kind
    {
        Http,
        WebSocketSent,
        WebSocketReceived,
    }

    /// <summary>Starts counting the page's network traffic; call before navigating.</summary>
    public static async Task<FirstLoadTraffic> StartAsync(IBrowserContext context, IPage page)
    {
        var traffic = new FirstLoadTraffic();
        var cdp = await context.NewCDPSessionAsync(page);
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => traffic.Clock(e);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            traffic.Add(e, Kind.Http, e!.Value.GetProperty("encodedDataLength").GetDouble());
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => traffic.Add(e, Kind.WebSocketSent, PayloadBytes(e!.Value));
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => traffic.Add(e, Kind.WebSocketReceived, PayloadBytes(e!.Value));
        await cdp.SendAsync("Network.enable");
        return traffic;
    }

    /// <summary>The traffic whose event came at or before <paramref name="untilEpochMilliseconds"/>, or all of it.</summary>
    public TrafficCount Count(double? untilEpochMilliseconds = null)
    {
        lock (_lock)
        {
            var offset = _wallMinusMonotonic ?? 0;
            var counted = _events.Where(e => untilEpochMilliseconds is not { } until || (e.Timestamp + offset) * 1000 <= until).ToList();
            return new TrafficCount(
                counted.Where(e => e.Kind == Kind.Http).Sum(e => e.Bytes),
                counted.Count(e => e.Kind == Kind.Http),
                counted.Where(e => e.Kind != Kind.Http).Sum(e => e.Bytes),
                counted.Where(e => e.Kind == Kind.WebSocketReceived).Sum(e => e.Bytes),
                counted.Count(e => e.Kind != Kind.Http),
                counted.Where(e => e.Kind != Kind.Http).Select(e => e.Bytes).DefaultIfEmpty().Max());
        }
    }

    // CDP timestamps are monotonic seconds; requestWillBeSent also carries the wall clock, which the page's
    // performance.timeOrigin is on.
    private void Clock(JsonElement? e)
    {
        lock (_lock)
        {
            if (_wallMinusMonotonic is null && e is { } value && value.TryGetProperty("wallTime", out var wall))
            {
                _wallMinusMonotonic = wall.GetDouble() - value.GetProperty("timestamp").GetDouble();
            }
        }
    }

    private void Add(JsonElement? e, Kind kind, double bytes)
    {
        lock (_lock)
        {
            _events.Add((e!.Value.GetProperty("timestamp").GetDouble(), (long)bytes, kind));
        }
    }

    private static double PayloadBytes(JsonElement e)
    {
        var response = e.GetProperty("response");
        var payload = response.GetProperty("payloadData").GetString() ?? "";
        if (response.GetProperty("opcode").GetDouble() != 2)
        {
            return Encoding.UTF8.GetByteCount(payload);
        }

        var padding = payload.EndsWith("==", StringComparison.Ordinal) ? 2 : payload.EndsWith('=') ? 1 : 0;
        return (payload.Length / 4 * 3) - padding;
    }
}
