using System.Net.Http.Headers;
using System.Net.Http.Json;
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
    private readonly string? _accessToken;
    private WebApplication? _app;

    private RunningEmulator(string directory, TimeProvider? time, string seed, IReadOnlyList<KeyValuePair<string, string?>> configuration, string? accessToken)
    {
        _directory = directory;
        _time = time;
        _seed = seed;
        _configuration = configuration;
        _accessToken = accessToken;
    }

    public Uri BaseAddress { get; private set; } = default!;

    public string DataPath => Path.Combine(_directory, "emulator.db");

    public static Task<RunningEmulator> StartAsync(TimeProvider? time = null, string seed = "demo") =>
        StartAsync([], time, seed);

    /// <summary>
    /// An emulator with more <c>Emulator:*</c> settings, such as <c>Emulator:Throttling:RequestsPerMinute</c> or
    /// <c>Emulator:Faults:ErrorRate</c>. They win over the data path and seed this helper sets, and survive a restart.
    /// Without <paramref name="accessToken"/> it is open, as the standalone emulator is by default; with it, it answers
    /// only that token, as the dashboard's built-in one does, and <see cref="CreateClient()"/> sends it.
    /// </summary>
    public static async Task<RunningEmulator> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> configuration, TimeProvider? time = null, string seed = "demo", string? accessToken = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var emulator = new RunningEmulator(directory, time, seed, [.. configuration], accessToken);
        await emulator.StartAppAsync();
        return emulator;
    }

    /// <summary>Stops the emulator and starts a new one on the same SQLite file.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    /// <summary>
    /// A client with the emulator as base address and a bearer token, as Partner Center expects: the access token when
    /// the emulator has one.
    /// </summary>
    public HttpClient CreateClient() => CreateClient(_accessToken ?? Token);

    /// <summary>A client that sends the given bearer token, e.g. an app-only one or a JWT naming another tenant.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Replaces the injected faults through <c>POST /emulator/faults</c>, e.g. <c>new { errorRate = 0.5 }</c> or a fault
    /// script (<see cref="ScriptRule"/>); settings not named are off.
    /// </summary>
    public async Task SetFaultsAsync(object faults, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("emulator/faults", faults, cancellationToken);
        await EnsureSuccessAsync(response, "POST /emulator/faults");
    }

    /// <summary>Switches every injected fault off, script included.</summary>
    public Task SwitchFaultsOffAsync(CancellationToken cancellationToken) => SetFaultsAsync(new { }, cancellationToken);

    /// <summary>Empties the sandbox and seeds it again through <c>POST /emulator/reset</c>: the configured seed, or <paramref name="seed"/>.</summary>
    public async Task ResetAsync(string? seed, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("emulator/reset", new { seed }, cancellationToken);
        await EnsureSuccessAsync(response, "POST /emulator/reset");
    }

    /// <summary>One rule of a fault script: the n-th request with this method and path gets the n-th of <paramref name="faults"/>.</summary>
    public static object ScriptRule(string method, string path, params string[] faults) => new { method, path, faults };

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
            AccessToken = _accessToken,
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First() + "/");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
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
