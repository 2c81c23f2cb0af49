using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What a first load moved: HTTP responses received and WebSocket messages both ways.</summary>
/// <param name="HttpBytes">The sum of <c>Network.loadingFinished.encodedDataLength</c>: each response as it came over the wire (compressed body and headers, as Chrome counts a transfer).</param>
/// <param name="WebSocketBytes">The payload lengths of <c>Network.webSocketFrameSent</c> and <c>webSocketFrameReceived</c> (binary frames decoded from base64): messages as the application sees them, before per-message compression.</param>
/// <param name="WebSocketDeflatedBytes">An estimate of those messages on the wire when permessage-deflate was negotiated: each direction deflated as one stream, flushed per message (context takeover), or each message on its own where the server declined takeover, less the 4 bytes a message drops.</param>
/// <param name="WebSocketExtensions">The <c>Sec-WebSocket-Extensions</c> the server answered, e.g. permessage-deflate.</param>
internal sealed record TrafficCount(
    long HttpBytes, int HttpResponses, long WebSocketBytes, long WebSocketReceivedBytes, int WebSocketMessages, long LargestWebSocketMessage,
    long WebSocketDeflatedBytes, string WebSocketExtensions);

/// <summary>
/// Counts a page's traffic through the Chrome DevTools Protocol (Playwright's CDP session), from the navigation on, by
/// the browser's timestamps, so that a count "until the first row showed" can be cut at the probe's wall-clock time.
/// </summary>
internal sealed class FirstLoadTraffic
{
    private readonly Lock _lock = new();
    private readonly List<(double Timestamp, long Bytes, Kind Kind, byte[]? Payload)> _events = [];
    private double? _wallMinusMonotonic;
    private string _extensions = "";

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
            traffic.Add(e, Kind.Http, (long)e!.Value.GetProperty("encodedDataLength").GetDouble(), null);
        cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) => traffic.Handshake(e);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => traffic.Frame(e, Kind.WebSocketSent);
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => traffic.Frame(e, Kind.WebSocketReceived);
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
            var webSocket = counted.Where(e => e.Kind != Kind.Http).ToList();
            return new TrafficCount(
                counted.Where(e => e.Kind == Kind.Http).Sum(e => e.Bytes),
                counted.Count(e => e.Kind == Kind.Http),
                webSocket.Sum(e => e.Bytes),
                webSocket.Where(e => e.Kind == Kind.WebSocketReceived).Sum(e => e.Bytes),
                webSocket.Count,
                webSocket.Select(e => e.Bytes).DefaultIfEmpty().Max(),
                Deflated(webSocket.Where(e => e.Kind == Kind.WebSocketSent), takeover: true)
                    + Deflated(webSocket.Where(e => e.Kind == Kind.WebSocketReceived), takeover: !_extensions.Contains("server_no_context_takeover", StringComparison.Ordinal)),
                _extensions);
        }
    }

    // With context takeover a direction is one deflate stream, flushed per message; without it (the server's messages,
    // when it answered server_no_context_takeover) each message is deflated on its own.
    private static long Deflated(IEnumerable<(double Timestamp, long Bytes, Kind Kind, byte[]? Payload)> messages, bool takeover)
    {
        if (!takeover)
        {
            return messages.Sum(message => Deflated([message], takeover: true));
        }

        using var output = new MemoryStream();
        var count = 0;
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var message in messages)
            {
                deflate.Write(message.Payload);
                deflate.Flush();
                count++;
            }
        }

        return Math.Max(0, output.Length - (4 * count));
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

    private void Handshake(JsonElement? e)
    {
        foreach (var header in e!.Value.GetProperty("response").GetProperty("headers").EnumerateObject())
        {
            if (header.Name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase))
            {
                lock (_lock)
                {
                    _extensions = header.Value.GetString() ?? "";
                }
            }
        }
    }

    private void Frame(JsonElement? e, Kind kind)
    {
        var response = e!.Value.GetProperty("response");
        var data = response.GetProperty("payloadData").GetString() ?? "";
        var payload = response.GetProperty("opcode").GetDouble() == 2 ? Convert.FromBase64String(data) : Encoding.UTF8.GetBytes(data);
        Add(e, kind, payload.Length, payload);
    }

    private void Add(JsonElement? e, Kind kind, long bytes, byte[]? payload)
    {
        lock (_lock)
        {
            _events.Add((e!.Value.GetProperty("timestamp").GetDouble(), bytes, kind, payload));
        }
    }
}
