using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Testing;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>, which <c>test.sh</c> installs when it is missing) on a free
/// loopback port, without persistence, for the tests of what several dashboard instances share. <see cref="Shared"/> is
/// the one <c>test.sh</c> started for the whole run (<c>TEST_REDIS</c>), or, run outside it, one this test process
/// starts: tests on it keep to keys of their own. <see cref="StartAsync"/> starts one a test owns, to stop it, or to
/// stop and start again on the same port (<see cref="RestartAsync"/>), empty, as a Redis without persistence restarts.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private static readonly Lazy<Task<RedisServer>> SharedServer = new(StartSharedAsync);

    private Process? _process;
    private int _stopped;

    private RedisServer(Process? process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>The server every test of this process shares; never stopped by a test.</summary>
    public static Task<RedisServer> Shared => SharedServer.Value;

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var server = new RedisServer(Launch(port), port);
        await server.WaitUntilItAnswersAsync(cancellationToken);
        return server;
    }

    /// <summary>Stops this test's own server, and starts a new, empty one on the same port once <paramref name="down"/> is done.</summary>
    public async Task RestartAsync(Func<Task> down, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(down);
        var process = _process ?? throw new InvalidOperationException("Only a test's own server may be restarted, not the shared one.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
        _process = null; // a failure in down() must reach the test, not a disposed process in DisposeAsync
        await down();
        _process = Launch(Port);
        await WaitUntilItAnswersAsync(cancellationToken);
    }

    private static Process Launch(int port)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs Debian's redis-server package when it is missing.");
        var process = Process.Start(new ProcessStartInfo(executable, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops the server (a test may stop it early, to see what an outage does); stopping twice is fine.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<RedisServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("TEST_REDIS") is { Length: > 0 } fromTestScript
            && int.TryParse(fromTestScript[(fromTestScript.LastIndexOf(':') + 1)..], out var port))
        {
            return new RedisServer(null, port);
        }

        var own = await StartAsync(CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return own;
    }

    // Ready means it answers PING; a give-up bound stops a test whose server never comes up.
    private async Task WaitUntilItAnswersAsync(CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        giveUp.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} before it answered on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, giveUp.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), giveUp.Token);
                var buffer = new byte[7];
                var read = await stream.ReadAsync(buffer, giveUp.Token);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, giveUp.Token);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
