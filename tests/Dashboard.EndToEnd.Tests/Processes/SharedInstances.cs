using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;
using StackExchange.Redis;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>
/// What several dashboard instances share, for the tests that run them as their own processes: a Redis server of the
/// test's own, a database of its own on the run's PostgreSQL server, and the emulator as Partner Center, a process too.
/// Dashboards started here use all three, as instances behind one load balancer would.
/// </summary>
internal sealed class SharedInstances : IAsyncDisposable
{
    public const string SandboxTenant = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001";

    private static readonly TimeSpan StartUp = TimeSpan.FromMinutes(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ChildProcess> _processes = [];

    private SharedInstances(RedisServer redis, ConnectionMultiplexer connection, PostgresDatabase database)
    {
        Redis = redis;
        RedisConnection = connection;
        Database = database;
    }

    // A static token that names the sandbox tenant, as a real one does: the production guard lets the dashboard cancel.
    public static string Token => $"eyJhbGciOiJub25lIn0.{Base64Url($"{{\"tid\":\"{SandboxTenant}\"}}")}.c2lnbmF0dXJl";

    public RedisServer Redis { get; }

    public ConnectionMultiplexer RedisConnection { get; }

    public PostgresDatabase Database { get; }

    public Uri EmulatorAddress { get; private set; } = default!;

    /// <summary>
    /// Starts Redis, the database and the emulator, seeded and limited as <paramref name="emulator"/> says. What started
    /// before a failure is stopped again: xUnit disposes nothing whose start threw.
    /// </summary>
    public static async Task<SharedInstances> StartAsync(IReadOnlyDictionary<string, string> emulator)
    {
        var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        SharedInstances? shared = null;
        try
        {
            var database = (await PostgresServer.Shared).Database();
            shared = new SharedInstances(redis, await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString), database);
            await database.CreateAsync();
            Directory.CreateDirectory(shared._directory);
            var process = shared.Start("Dashboard.Emulator.dll", new Dictionary<string, string>(emulator)
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Emulator__DataPath"] = Path.Combine(shared._directory, "emulator.db"),
            });
            shared.EmulatorAddress = await process.ListeningAtAsync(StartUp);
            return shared;
        }
        catch
        {
            await (shared?.DisposeAsync() ?? redis.DisposeAsync());
            throw;
        }
    }

    /// <summary>Starts a dashboard on the shared store, Redis and emulator, and waits until it listens.</summary>
    public async Task<(ChildProcess Process, Uri Address)> StartDashboardAsync(IReadOnlyDictionary<string, string> settings)
    {
        var process = Start("Dashboard.Web.dll", new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["PartnerCenter__BaseUrl"] = EmulatorAddress.ToString(),
            ["PartnerCenter__Environment"] = "IntegrationSandbox",
            ["PartnerCenter__SandboxTenantId"] = SandboxTenant,
            ["PartnerCenter__StaticToken"] = Token,
            ["DevelopmentSignIn__TenantId"] = SandboxTenant,
            ["Store__Provider"] = "PostgreSql",
            ["Store__ConnectionString"] = Database.ConnectionString,
            ["Redis__Configuration"] = Redis.ConnectionString,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information",
        });
        return (process, await process.ListeningAtAsync(StartUp));
    }

    public async Task<List<EmulatorRecords.AppliedChange>> ChangesAsync()
    {
        using var client = EmulatorClient();
        return await EmulatorRecords.ChangesAsync(client);
    }

    /// <summary>Every changing request the emulator answered, once per <c>MS-RequestId</c> (a retry with the same id is one).</summary>
    public async Task<List<EmulatorRecords.AnsweredRequest>> RequestsAsync()
    {
        using var client = EmulatorClient();
        return await EmulatorRecords.RequestsAsync(client);
    }

    /// <summary>The emulator's count of the tenant's requests, the 429s among them.</summary>
    public async Task<TenantRequests> ThrottlingAsync()
    {
        using var client = EmulatorClient();
        var report = await client.GetFromJsonAsync<Dictionary<string, TenantRequests>>("emulator/throttling", TestContext.Current.CancellationToken);
        return report.ShouldNotBeNull().ShouldHaveSingleItem().Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await RedisConnection.DisposeAsync();
        await Redis.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private ChildProcess Start(string assembly, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(assembly, environment);
        _processes.Add(process);
        return process;
    }

    private HttpClient EmulatorClient()
    {
        var client = new HttpClient { BaseAddress = EmulatorAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');


    public sealed record TenantRequests(long Requests, long Throttled, int BusiestWindow);
}
