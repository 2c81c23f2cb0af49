using System.Net.Http.Headers;
using Dashboard.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Dashboard.Testing;

/// <summary>
/// A real emulator on a free loopback port with its own SQLite file, for tests that talk HTTP to it. Linked into
/// each test project that needs one.
/// </summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly string _directory;
    private readonly TimeProvider? _time;
    private readonly string _seed;
    private WebApplication? _app;

    private RunningEmulator(string directory, TimeProvider? time, string seed)
    {
        _directory = directory;
        _time = time;
        _seed = seed;
    }

    public Uri BaseAddress { get; private set; } = default!;

    public string DataPath => Path.Combine(_directory, "emulator.db");

    public static async Task<RunningEmulator> StartAsync(TimeProvider? time = null, string seed = "demo")
    {
        var directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var emulator = new RunningEmulator(directory, time, seed);
        await emulator.StartAppAsync();
        return emulator;
    }

    /// <summary>Stops the emulator and starts a new one on the same SQLite file.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    /// <summary>A client with the emulator as base address and a bearer token, as Partner Center expects.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private async Task StartAppAsync()
    {
        _app = EmulatorApp.CreateEmbedded(new EmbeddedEmulatorSettings
        {
            Configuration =
            [
                new("Emulator:DataPath", DataPath),
                new("Emulator:Seed", _seed),
            ],
            TimeProvider = _time,
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First() + "/");
    }

    private async Task StopAppAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
        SqliteConnection.ClearAllPools();
    }
}
