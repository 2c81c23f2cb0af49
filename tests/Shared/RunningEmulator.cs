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
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _configuration;
    private WebApplication? _app;

    private RunningEmulator(string directory, TimeProvider? time, string seed, IReadOnlyList<KeyValuePair<string, string?>> configuration)
    {
        _directory = directory;
        _time = time;
        _seed = seed;
        _configuration = configuration;
    }

    public Uri BaseAddress { get; private set; } = default!;

    public string DataPath => Path.Combine(_directory, "emulator.db");

    public static Task<RunningEmulator> StartAsync(TimeProvider? time = null, string seed = "demo") =>
        StartAsync([], time, seed);

    /// <summary>
    /// An emulator with more <c>Emulator:*</c> settings, such as <c>Emulator:Throttling:RequestsPerMinute</c> or
    /// <c>Emulator:Faults:ErrorRate</c>. They win over the data path and seed this helper sets, and survive a restart.
    /// </summary>
    public static async Task<RunningEmulator> StartAsync(IEnumerable<KeyValuePair<string, string?>> configuration, TimeProvider? time = null, string seed = "demo")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var emulator = new RunningEmulator(directory, time, seed, [.. configuration]);
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
    public HttpClient CreateClient() => CreateClient(Token);

    /// <summary>A client that sends the given bearer token, e.g. an app-only one or a JWT naming another tenant.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
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
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Emulator:DataPath"] = DataPath,
            ["Emulator:Seed"] = _seed,
        };
        foreach (var (key, value) in _configuration)
        {
            configuration[key] = value;
        }

        _app = EmulatorApp.CreateEmbedded(new EmbeddedEmulatorSettings
        {
            Configuration = configuration,
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
