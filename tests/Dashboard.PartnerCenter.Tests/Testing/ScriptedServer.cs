using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.PartnerCenter.Tests.Testing;

/// <summary>
/// A Kestrel server on loopback that answers the n-th request with the n-th step of a script — a canned answer or a
/// dropped connection — and repeats the last step once the script is used up. It records every request it received.
/// For the bad minutes of a real Partner Center that the resilience pipeline has to survive.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly IReadOnlyList<ServerAnswer> _script;
    private int _received;

    private ScriptedServer(string url, IReadOnlyList<ServerAnswer> script)
    {
        _script = script;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        _app = builder.Build();
        _app.Run(async context =>
        {
            var recorded = await RecordedRequest.ReadAsync(context.Request);
            var step = Interlocked.Increment(ref _received) - 1;
            _requests.Enqueue(recorded);
            var answer = _script[Math.Min(step, _script.Count - 1)];
            if (answer.Response is { } response)
            {
                await response.WriteAsync(context);
            }
            else
            {
                context.Abort();
            }
        });
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static Task<ScriptedServer> StartAsync(params ServerAnswer[] script) => StartAsync(new Uri("http://127.0.0.1:0/"), script);

    /// <summary>Starts listening on <paramref name="address"/>, e.g. one on which connections were refused until now.</summary>
    public static async Task<ScriptedServer> StartAsync(Uri address, params ServerAnswer[] script)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (script.Length == 0)
        {
            throw new ArgumentException("A script needs at least one answer.", nameof(script));
        }

        var server = new ScriptedServer(address.GetLeftPart(UriPartial.Authority), script);
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.First() + "/");
        return server;
    }

    /// <summary>Waits (in real time, a few seconds at most) until the server has received <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_requests.Count < count)
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"The server received {_requests.Count} requests, not {count}: {string.Join(", ", Requests)}"));
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One step of a <see cref="ScriptedServer"/>'s script: an answer, or (when null) a dropped connection.</summary>
internal sealed record ServerAnswer(CannedResponse? Response)
{
    /// <summary>Partner Center's error body <c>{code, description, data, source}</c> with the given status.</summary>
    public static ServerAnswer Error(int statusCode, string description = "The service has encountered an unknown error.") =>
        new(CannedResponse.Json(statusCode, $$"""{"code": 0, "description": "{{description}}", "data": [], "source": "PartnerFD"}"""));

    /// <summary>The documented 429: <c>Retry-After</c> and the <c>{statusCode, message}</c> body.</summary>
    public static ServerAnswer Throttled(int retryAfterSeconds) =>
        new ServerAnswer(CannedResponse.Json(429, $$"""{"statusCode": 429, "message": "Rate limit is exceeded. Try again in {{retryAfterSeconds}} seconds."}"""))
            .WithRetryAfter(retryAfterSeconds);

    public static ServerAnswer Json(int statusCode, string body) => new(CannedResponse.Json(statusCode, body));

    /// <summary>No answer: the request is held until the client gives up, so only the client's timeout can end it.</summary>
    public static ServerAnswer Never() => new(CannedResponse.Never);

    /// <summary>The same answer with a <c>Retry-After</c> header, which a 503 may carry as well as a 429.</summary>
    public ServerAnswer WithRetryAfter(int seconds) => new(
        (Response ?? throw new InvalidOperationException("A dropped connection has no headers.")) with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) },
        });

    /// <summary>The connection is closed after the request was read, without a byte of answer.</summary>
    public static ServerAnswer DropConnection() => new((CannedResponse?)null);
}
