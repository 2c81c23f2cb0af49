using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Testing;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>, which <c>test.sh</c> installs when it is missing) on a free
/// loopback port, without persistence, for the tests of what several dashboard instances share. Stopped with the test.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly Process _process;
    private int _stopped;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs Debian's redis-server package when it is missing.");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        await server.WaitUntilItAnswersAsync(cancellationToken);
        return server;
    }

    /// <summary>Stops the server (a test may stop it early, to see what an outage does); stopping twice is fine.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
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

    // Ready means it answers PING; a give-up bound stops a test whose server never comes up.
    private async Task WaitUntilItAnswersAsync(CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        giveUp.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited)
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
