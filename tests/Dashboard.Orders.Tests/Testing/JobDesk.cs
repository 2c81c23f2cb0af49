using System.Security.Claims;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The order desk with bulk jobs, wired as the dashboard wires them: <c>AddOrders</c> and <c>AddJobs</c> on a real
/// store of its own (<see cref="StoreUnderTest"/>: a SQLite file, or a database on the test run's PostgreSQL server),
/// Partner Center at a real address on loopback, and the host's say on cancelling and current user supplied by the
/// test. The store is created and migrated, and the job runner started, only when the test says so.
/// </summary>
internal sealed class JobDesk : IAsyncDisposable
{
    public static readonly ClaimsPrincipal Operator = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Olivia Operator"), new Claim("oid", "11111111-2222-3333-4444-555555555555"), new Claim("tid", "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001"),
         new Claim(ClaimTypes.Role, "Orders.Cancel")], "test"));

    private readonly ServiceProvider _services;
    private readonly string _directory;
    private readonly List<IHostedService> _started = [];

    private readonly PostgresDatabase? _database;

    private JobDesk(ServiceProvider services, string directory, PostgresDatabase? database, CapturedLogs logs)
    {
        _services = services;
        _directory = directory;
        _database = database;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    /// <summary>A folder of the desk's own, for the files a test writes.</summary>
    public string Directory => _directory;

    /// <summary>A fresh job service, as a circuit gets one.</summary>
    public IJobService Jobs => _services.CreateScope().ServiceProvider.GetRequiredService<IJobService>();

    /// <summary>A fresh order service, as a circuit gets one: its cancels are the desk's user's.</summary>
    public IOrderService Orders => _services.CreateScope().ServiceProvider.GetRequiredService<IOrderService>();

    public IServiceProvider Services => _services;

    /// <summary>A job desk whose Partner Center is <paramref name="partnerCenterRoot"/>; later settings win.</summary>
    public static JobDesk For(Uri partnerCenterRoot, ICancelAuthorization? cancels = null, params (string Key, string? Value)[] settings) =>
        For(partnerCenterRoot, cancels, null, settings);

    /// <summary>The same, with an interceptor on the store's commands, to hold the runner at a chosen statement.</summary>
    public static JobDesk For(
        Uri partnerCenterRoot, ICancelAuthorization? cancels, IInterceptor? storeInterceptor, params (string Key, string? Value)[] settings) =>
        For(partnerCenterRoot, cancels, storeInterceptor, host: _ => { }, settings);

    /// <summary>The same, with services of the test's own added last (such as a handler on the Partner Center client).</summary>
    public static JobDesk For(
        Uri partnerCenterRoot, ICancelAuthorization? cancels, IInterceptor? storeInterceptor, Action<IServiceCollection> host,
        params (string Key, string? Value)[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        (string Key, string? Value)[] all =
        [
            ("PartnerCenter:StaticToken", OrderDesk.Token), ("PartnerCenter:MaxRetries", "0"), ("Jobs:PollSeconds", "1"),
            ("Jobs:ConfirmFirstWaitSeconds", "1"), .. settings,
        ];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(all.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new CapturedLogs();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(cancels ?? new CancelsAllowed());
        services.AddSingleton<ICurrentUserAccessor>(new FixedUser(Operator));
        services.AddOrders(sp => partnerCenterRoot);
        var database = StoreUnderTest.Provider == StoreProvider.PostgreSql ? StoreUnderTest.PostgreSqlDatabase() : null;
        services.AddDashboardStore(
            StoreUnderTest.Provider,
            database?.ConnectionString ?? $"Data Source={Path.Combine(directory, "dashboard.db")}",
            store =>
            {
                if (storeInterceptor is not null)
                {
                    store.AddInterceptors(storeInterceptor);
                }
            });
        services.AddJobs();
        host(services);
        return new JobDesk(
            services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), directory, database, logs);
    }

    /// <summary>
    /// Migrates the store; with <paramref name="runner"/>, also starts the job runner, as the host does. Called again
    /// with the runner, it starts only the runner: a test can set the store up first, as a crashed instance left it.
    /// </summary>
    public async Task StartAsync(bool runner = true)
    {
        if (_database is not null)
        {
            await _database.CreateAsync();
        }

        foreach (var service in _services.GetServices<IHostedService>().Where(s => (runner || s is not BackgroundService) && !_started.Contains(s)))
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    /// <summary>Waits until the job has finished (stopped, completed or failed), reading it from the store.</summary>
    public async Task<JobDetails> FinishedAsync(Guid jobId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var job = await Jobs.GetJobAsync(jobId);
            if (job is { Job.IsActive: false })
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} did not finish in time; it is {job?.Job.State} with {job?.Job.Finished} of {job?.Job.Total} items done.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private sealed class FixedUser(ClaimsPrincipal user) : ICurrentUserAccessor
    {
        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) => Task.FromResult<ClaimsPrincipal?>(JobActor.Current ?? user);
    }
}
