using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Dashboard.Testing;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package, which <c>test.sh</c> installs when it is missing) on
/// loopback, for the tests of the store that several dashboard instances share. <see cref="Shared"/> is the one
/// <c>test.sh</c> started for the whole run (<c>TEST_POSTGRES</c>), or, run outside it, one this test process starts
/// for itself; each test takes a database of its own there. <see cref="StartAsync"/> starts one that a test owns, to stop.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);

    private readonly string? _folder;
    private int _stopped;

    private PostgresServer(string connectionString, string? folder)
    {
        ConnectionString = connectionString;
        _folder = folder;
    }

    /// <summary>A connection string to the server's <c>postgres</c> database, as the user <c>app</c>, who owns everything.</summary>
    public string ConnectionString { get; }

    /// <summary>The server every test of this process shares.</summary>
    public static Task<PostgresServer> Shared => SharedServer.Value;

    /// <summary>A database on this server with a name of its own, not yet created (<see cref="PostgresDatabase.CreateAsync"/>).</summary>
    public PostgresDatabase Database() => new(this, $"test_{Guid.NewGuid():N}");

    /// <summary>Starts a server of the test's own, in a temporary folder on a free port.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: ./test.sh installs Debian's postgresql package when it is missing.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "sod-postgres", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        // PostgreSQL refuses to run as root: as root, it runs as the package's postgres user, who must own the folder.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:", folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "app", "-E", "UTF8", "--no-sync"], asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
             "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"], asRoot);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=app;Database=postgres", folder);
    }

    /// <summary>Stops a server this process started, at once (as a crash would); stopping twice is fine.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_folder is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).First(File.Exists);
        await RunAsync(bin, ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"], Environment.UserName == "root");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("TEST_POSTGRES") is { Length: > 0 } fromTestScript)
        {
            return new PostgresServer(fromTestScript, null);
        }

        var own = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return own;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await output}{await error}");
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
