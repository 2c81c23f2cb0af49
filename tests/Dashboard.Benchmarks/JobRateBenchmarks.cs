using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Dashboard.Orders;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Benchmarks;

/// <summary>
/// How close a bulk job comes to the rate limit: a job that cancels 1,000 orders (the emulator's <c>bulk</c> seed, one
/// customer, no faults) with <c>PartnerCenter:RequestsPerMinute</c> at Partner Center's documented 500, and the
/// emulator's own per-tenant limit at 500 or off. Each iteration starts from a fresh emulator and a fresh store; the job
/// is planned and queued by a desk of its own, so that the preview's reads take nothing from the measured limiter, and
/// is then run by a second desk (a fresh limiter) until it finishes.
/// </summary>
/// <remarks>
/// The job's duration is <c>FinishedAt - StartedAt</c> and its N calls every attempt, as the store records them. A
/// sliding minute of L permits lets the first L calls go at once and each further L a minute later, so N calls cannot
/// finish before (ceil(N/L) - 1) minutes: the "sliding" ratio is against that; the "N/L" ratio is against the steady
/// rate of N/L minutes. The extra columns of the summary come from the iterations (see <see cref="JobRateColumn"/>).
/// The two desks share the product catalog, as the preview and the job share the dashboard's process-wide one: with a
/// cold catalog the job reads each product once more (8 reads with this seed), and 1,008 calls need a third minute.
/// </remarks>
[Config(typeof(JobRateConfig))]
public class JobRateBenchmarks
{
    public const int RequestsPerMinute = 500;
    private const int Orders = 1_000;

    private static readonly ClaimsPrincipal Operator = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Benchmark Operator"), new Claim("oid", "11111111-2222-3333-4444-555555555555"),
         new Claim("tid", "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001")], "benchmark"));

    private readonly List<JobRun> _runs = [];
    private RunningEmulator _emulator = default!;
    private string _storeDirectory = "";
    private ServiceProvider _desk = default!;
    private ThrottleCounter _throttled = default!;
    private ProductCatalog _catalog = default!;
    private Guid _jobId;

    /// <summary>The emulator's per-tenant limit (its default is 500); 0 is off.</summary>
    [Params(500, 0)]
    public int EmulatorRequestsPerMinute { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var results = JobRun.FileOf(EmulatorRequestsPerMinute);
        Directory.CreateDirectory(Path.GetDirectoryName(results)!);
        File.Delete(results);
    }

    [IterationSetup]
    public void QueueJob() => QueueJobAsync().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> RunJob()
    {
        foreach (var service in _desk.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        await using var scope = _desk.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<IJobService>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (await jobs.CountActiveAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {_jobId} did not finish within 10 minutes.");
            }

            await Task.Delay(100);
        }

        return _throttled.Count;
    }

    [IterationCleanup]
    public void Record() => RecordAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Summarize()
    {
        Console.WriteLine($"// JobRate summary, emulator limit {Describe(EmulatorRequestsPerMinute)}:");
        _runs.ForEach(run => Console.WriteLine($"//   {run}"));
    }

    private static string Describe(int emulatorLimit) => emulatorLimit == 0 ? "off" : $"{emulatorLimit}/min";

    private async Task QueueJobAsync()
    {
        _emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Large:Customers", "1"), new("Emulator:Large:OrdersPerCustomer", Orders.ToString(CultureInfo.InvariantCulture)),
             new("Emulator:Throttling:RequestsPerMinute", EmulatorRequestsPerMinute.ToString(CultureInfo.InvariantCulture))],
            seed: "bulk");
        _storeDirectory = Path.Combine(Path.GetTempPath(), "sod-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_storeDirectory);
        _catalog = new ProductCatalog();

        // The dry run and the queueing, by a desk whose runner never starts and whose limiter is thrown away with it.
        await using (var planning = Desk(throttled: null))
        {
            foreach (var migration in planning.GetServices<IHostedService>().Where(s => s is not BackgroundService))
            {
                await migration.StartAsync(CancellationToken.None);
            }

            await using var scope = planning.CreateAsyncScope();
            var orders = scope.ServiceProvider.GetRequiredService<IOrderService>();
            var jobs = scope.ServiceProvider.GetRequiredService<IJobService>();
            var customer = (await orders.ListCustomersAsync()).Value!.Single();
            var orderIds = (await orders.ListOrdersAsync(customer.Id)).Value!.Select(o => o.Id).ToList();
            var plan = (await jobs.PreviewBulkCancelAsync(customer.Id, orderIds)).Value!;
            if (plan.ToSend.Count != Orders)
            {
                throw new InvalidOperationException($"The plan sends {plan.ToSend.Count} cancels, not {Orders}.");
            }

            _jobId = (await jobs.StartBulkCancelAsync(plan)).Value;
        }

        // The emulator's window too: a restart forgets the planning reads it counted (same sandbox file, new port).
        await _emulator.RestartAsync();
        _throttled = new ThrottleCounter();
        _desk = Desk(_throttled);
    }

    private async Task RecordAsync()
    {
        foreach (var service in _desk.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        JobDetails job;
        await using (var scope = _desk.CreateAsyncScope())
        {
            job = (await scope.ServiceProvider.GetRequiredService<IJobService>().GetJobAsync(_jobId))!;
        }

        var run = JobRun.Of(_runs.Count + 1, job, _throttled.Count);
        _runs.Add(run);
        Console.WriteLine($"// JobRate iteration, emulator limit {Describe(EmulatorRequestsPerMinute)}: {run}");
        foreach (var item in job.Items.Where(i => i.Outcome != JobItemOutcome.Cancelled).Take(5))
        {
            Console.WriteLine($"//   not cancelled: {item.OrderId} {item.Outcome} {item.ErrorCode} {item.Description}");
        }

        await File.WriteAllTextAsync(JobRun.FileOf(EmulatorRequestsPerMinute), JsonSerializer.Serialize(_runs));

        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_storeDirectory, recursive: true);

        // A 429 pauses the job and the item is sent again: every item must still end Cancelled, or the run is not valid.
        if (run.Cancelled != Orders || run.Items != Orders)
        {
            throw new InvalidOperationException($"Only {run.Cancelled} of {run.Items} items ended Cancelled (see above).");
        }
    }

    /// <summary>The order desk with jobs, as the dashboard wires it, on this iteration's store and emulator.</summary>
    private ServiceProvider Desk(ThrottleCounter? throttled)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new("PartnerCenter:StaticToken", RunningEmulator.Token),
                new("PartnerCenter:RequestsPerMinute", RequestsPerMinute.ToString(CultureInfo.InvariantCulture)),
            ])
            .Build();
        var emulator = _emulator;
        var store = Path.Combine(_storeDirectory, "dashboard.db");
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging =>
            {
                if (throttled is not null)
                {
                    logging.AddProvider(new ThrottleLog(throttled));
                }
            })
            .AddSingleton<ICancelAuthorization, CancelsAllowed>()
            .AddSingleton<ICurrentUserAccessor, JobOrOperator>()
            .AddOrders(_ => emulator.BaseAddress)
            .AddSingleton(_catalog) // the process's catalog, which the preview has filled: see the remarks
            .AddDashboardStore(StoreProvider.Sqlite, $"Data Source={store}")
            .AddJobs()
            .BuildServiceProvider();
    }

    private sealed class CancelsAllowed : ICancelAuthorization
    {
        public Task<string?> WhyNotAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    private sealed class JobOrOperator : ICurrentUserAccessor
    {
        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) => Task.FromResult<ClaimsPrincipal?>(JobActor.Current ?? Operator);
    }

    /// <summary>Every throttled answer the emulator gave, as the client logged it.</summary>
    private sealed class ThrottleCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Counts the client's answers 429, from the one event it logs for each attempt's answer.</summary>
    private sealed class ThrottleLog(ThrottleCounter counter) : ILoggerProvider, ILogger
    {
        private const string AnswersCategory = "Dashboard.PartnerCenter.Http.PartnerCenterRequestHandler";

        public ILogger CreateLogger(string categoryName) => categoryName == AnswersCategory ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values && values.Any(v => v is { Key: "StatusCode", Value: 429 }))
            {
                counter.Add();
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class JobRateConfig : ManualConfig
    {
        public JobRateConfig()
        {
            // Each iteration is a whole job of about a minute and a few seconds: measured as it happens, three times.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3)
                .WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(JobRateColumn.All);
        }
    }
}

/// <summary>One iteration's job, as the store recorded it.</summary>
internal sealed record JobRun(
    int Iteration, double Seconds, int Calls, int Items, int Cancelled, int Throttled, double FirstLimitSeconds)
{
    /// <summary>N/L minutes: the steady rate the issue names.</summary>
    public double SteadyRatio => Seconds / (60.0 * Calls / JobRateBenchmarks.RequestsPerMinute);

    /// <summary>(ceil(N/L) - 1) minutes: the least a sliding minute allows; undefined when all calls fit in one minute.</summary>
    public double SlidingRatio
    {
        get
        {
            var minutes = Math.Ceiling((double)Calls / JobRateBenchmarks.RequestsPerMinute) - 1;
            return minutes > 0 ? Seconds / (60.0 * minutes) : double.NaN;
        }
    }

    public static string FileOf(int emulatorLimit) => Path.Combine(Path.GetTempPath(), "sod-bench", $"job-rate-{emulatorLimit}.json");

    public static JobRun Of(int iteration, JobDetails job, int throttled)
    {
        var started = job.Job.StartedAt!.Value;
        var finished = job.Items.Where(i => i.FinishedAt is not null).Select(i => (i.FinishedAt!.Value - started).TotalSeconds).Order().ToList();
        return new JobRun(
            iteration, (job.Job.FinishedAt!.Value - started).TotalSeconds, job.Job.Calls, job.Items.Count,
            job.Items.Count(i => i.Outcome == JobItemOutcome.Cancelled), throttled,
            finished.Count >= JobRateBenchmarks.RequestsPerMinute ? finished[JobRateBenchmarks.RequestsPerMinute - 1] : double.NaN);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{Iteration}: {Seconds:F2} s for {Calls} calls; ÷ N/L {SteadyRatio:F3}, ÷ sliding minimum {SlidingRatio:F3}; " +
        $"{Cancelled}/{Items} cancelled, {Throttled} answers 429; the first {JobRateBenchmarks.RequestsPerMinute} items done after {FirstLimitSeconds:F2} s");
}

/// <summary>
/// A column of the summary from the iterations' jobs, which the benchmark process writes to a file per case: the job's
/// duration and calls as the store recorded them, the worst of each ratio, and the 429s and items not cancelled.
/// </summary>
internal sealed class JobRateColumn(string name, string legend, Func<IReadOnlyList<JobRun>, string> value) : IColumn
{
    public static readonly IColumn[] All =
    [
        new JobRateColumn("Job s", "FinishedAt - StartedAt of each iteration's job, in seconds", runs => Each(runs, r => r.Seconds, "F1")),
        new JobRateColumn("Calls", "Partner Center calls of each job, every attempt counted (N)", runs => Each(runs, r => r.Calls, "F0")),
        new JobRateColumn("÷ N/L max", "Worst job duration ÷ N/L minutes (L = PartnerCenter:RequestsPerMinute)", runs => Worst(runs, r => r.SteadyRatio)),
        new JobRateColumn("÷ sliding max", "Worst job duration ÷ (ceil(N/L) - 1) minutes, the least a sliding minute allows", runs => Worst(runs, r => r.SlidingRatio)),
        new JobRateColumn("First L s", "Seconds from the job's start until L items were done: what the job adds to the sliding minimum", runs => Each(runs, r => r.FirstLimitSeconds, "F1")),
        new JobRateColumn("429s", "Answers 429 the job got, all iterations", runs => runs.Sum(r => r.Throttled).ToString(CultureInfo.InvariantCulture)),
        new JobRateColumn("Not cancelled", "Items that did not end Cancelled, all iterations", runs => runs.Sum(r => r.Items - r.Cancelled).ToString(CultureInfo.InvariantCulture)),
    ];

    public string Id => $"{nameof(JobRateColumn)}.{ColumnName}";

    public string ColumnName { get; } = name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; } = legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var limit = benchmarkCase.Parameters[nameof(JobRateBenchmarks.EmulatorRequestsPerMinute)];
        var file = JobRun.FileOf(Convert.ToInt32(limit, CultureInfo.InvariantCulture));
        return File.Exists(file) && JsonSerializer.Deserialize<List<JobRun>>(File.ReadAllText(file)) is { Count: > 0 } runs ? value(runs) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static string Each(IReadOnlyList<JobRun> runs, Func<JobRun, double> of, string format) =>
        string.Join(" / ", runs.Select(r => of(r).ToString(format, CultureInfo.InvariantCulture)));

    private static string Worst(IReadOnlyList<JobRun> runs, Func<JobRun, double> of) =>
        runs.Max(of).ToString("F3", CultureInfo.InvariantCulture);
}
