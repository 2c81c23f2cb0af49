using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Testing;

/// <summary>
/// A tiny Kestrel server on a free loopback port that answers canned responses and records every request it
/// received: for the answers a real Partner Center (or a proxy in front of it) gives and the emulator does not.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiting = [];

    private LoopbackServer(Func<RecordedRequest, CannedResponse> respond)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            var recorded = await RecordedRequest.ReadAsync(context.Request);
            Arrived(recorded);
            await respond(recorded).WriteAsync(context);
        });
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// Completes once the server has received (and read) <paramref name="count"/> requests, so that a test acts
    /// after a request arrived rather than after some time. Gives up after 15 s, which only stops a hung test.
    /// </summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken)
    {
        TaskCompletionSource arrived;
        lock (_waiting)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((count, arrived));
        }

        return WaitAsync(arrived.Task, count, cancellationToken);
    }

    /// <summary>Starts a server that gives every request the same answer.</summary>
    public static Task<LoopbackServer> StartAsync(CannedResponse response) => StartAsync(_ => response);

    /// <summary>Starts a server that answers each request with what <paramref name="respond"/> picks for it.</summary>
    public static async Task<LoopbackServer> StartAsync(Func<RecordedRequest, CannedResponse> respond)
    {
        var server = new LoopbackServer(respond);
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.First() + "/");
        return server;
    }

    /// <summary>A loopback address on which nothing listens: connecting to it is refused.</summary>
    public static Uri AddressNobodyListensOn()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private void Arrived(RecordedRequest request)
    {
        lock (_waiting)
        {
            _requests.Enqueue(request);
            foreach (var waiter in _waiting.Where(w => w.Count <= _requests.Count).ToList())
            {
                waiter.Arrived.TrySetResult();
                _waiting.Remove(waiter);
            }
        }
    }

    private async Task WaitAsync(Task arrived, int count, CancellationToken cancellationToken)
    {
        try
        {
            await arrived.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server received {_requests.Count} requests, not {count}: {string.Join(", ", Requests)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The value of a request header, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {PathAndQuery}";

    internal static async Task<RecordedRequest> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(request.Method, request.Path + request.QueryString, headers, body);
    }
}

/// <summary>A response a <see cref="LoopbackServer"/> gives: status, body, content type and extra headers.</summary>
public sealed record CannedResponse(int StatusCode, string Body = "", string? ContentType = null)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait before answering, to let a client time out; infinite: until the client gives up.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// No answer at all: the request is held until the client gives up. Only the client's own timeout or cancellation
    /// can end it, so a test of either never races the server.
    /// </summary>
    public static CannedResponse Never { get; } = new(200) { Delay = Timeout.InfiniteTimeSpan };

    public static CannedResponse Json(int statusCode, string body) => new(statusCode, body, "application/json; charset=utf-8");

    public static CannedResponse Html(int statusCode, string body) => new(statusCode, body, "text/html");

    public static CannedResponse Empty(int statusCode) => new(statusCode);

    internal async Task WriteAsync(HttpContext context)
    {
        if (Delay > TimeSpan.Zero || Delay == Timeout.InfiniteTimeSpan)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up, which is what the delay was for
            }
        }

        context.Response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            context.Response.ContentType = ContentType;
        }

        if (Body.Length > 0)
        {
            await context.Response.WriteAsync(Body);
        }
    }
}
