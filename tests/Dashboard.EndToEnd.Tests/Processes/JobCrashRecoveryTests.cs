using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Orders;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>
/// A 1,000-order bulk cancel survives being killed. The emulator and the dashboard run as their own processes and talk
/// real HTTP; the emulator injects faults into 20 % of the requests (errors, timeouts and dropped connections, half of
/// them after the change was applied) and bursts of 429. The dashboard is killed with SIGKILL twice in the middle of the
/// job and started again each time. In the end every order is accounted for, none was cancelled twice, and every order
/// reported cancelled is cancelled in the emulator.
/// </summary>
public sealed class JobCrashRecoveryTests : IAsyncLifetime
{
    private const int Orders = 1_000;
    private const string SandboxTenant = SharedInstances.SandboxTenant;

    private static readonly TimeSpan StartUp = TimeSpan.FromMinutes(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
    private ChildProcess? _emulator;
    private Uri _emulatorAddress = default!;
    private ServiceProvider _desk = default!;

    // A static token that names the sandbox tenant, as a real one does: the production guard lets the dashboard cancel.
    private static string Token => SharedInstances.Token;

    private string StorePath => Path.Combine(_directory, "dashboard.db");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _emulator = ChildProcess.Start("Dashboard.Emulator.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Emulator__DataPath"] = Path.Combine(_directory, "emulator.db"),
            ["Emulator__Seed"] = "bulk",
            ["Emulator__Large__Customers"] = "1",
            ["Emulator__Large__OrdersPerCustomer"] = Orders.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emulator__Throttling__RequestsPerMinute"] = "0",
        });
        _emulatorAddress = await _emulator.ListeningAtAsync(StartUp);
        _desk = JobDeskOnTheStore();
        foreach (var migration in _desk.GetServices<IHostedService>().Where(s => s is not BackgroundService))
        {
            await migration.StartAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        await _desk.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    [Fact]
    public async Task BulkCancelUnderFaults_DashboardKilledTwice_EveryOrderAccountedForAndNoneCancelledTwice()
    {
        var customer = await OnlyCustomerAsync();
        var orderIds = (await OrdersOfAsync(customer)).Select(o => o.GetProperty("id").GetString()!).ToList();
        orderIds.Count.ShouldBe(Orders);
        var jobs = _desk.CreateScope().ServiceProvider.GetRequiredService<IJobService>();
        var plan = (await jobs.PreviewBulkCancelAsync(customer, orderIds, TestContext.Current.CancellationToken)).Value.ShouldNotBeNull();
        plan.ToSend.Count.ShouldBe(Orders);
        var jobId = (await jobs.StartBulkCancelAsync(plan, TestContext.Current.CancellationToken)).Value;

        await SetFaultsAsync(new
        {
            errorRate = 0.08, timeoutRate = 0.04, timeoutSeconds = 3, dropRate = 0.08, afterApplyingShare = 0.5,
            throttleRate = 0.02, throttleBurstLength = 5, retryAfterSeconds = 1, randomSeed = 2026,
        });

        // Killed twice in the middle, started again each time; the third run finishes the job.
        foreach (var killAt in new[] { 300, 650 })
        {
            await using var dashboard = StartDashboard();
            await FinishedAtLeastAsync(jobs, jobId, killAt, dashboard);
            await dashboard.KillAsync();
        }

        await using (var last = StartDashboard())
        {
            // Not only every item finished: the job itself recorded as over, before this process is killed too.
            await FinishedAtLeastAsync(jobs, jobId, int.MaxValue, last);
        }

        await SetFaultsAsync(new { });
        var job = (await jobs.GetJobAsync(jobId, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        var orders = (await OrdersOfAsync(customer)).ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("status").GetString());
        var changes = await ChangesAsync();
        var summary = string.Join(", ", job.Items.GroupBy(i => i.Outcome).Select(g => $"{g.Key} {g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"Job {jobId}: {summary}; {changes.Count} changes applied; {job.Job.Calls} calls; ran {job.Job.FinishedAt - job.Job.StartedAt}");

        job.Job.State.ShouldBe(JobState.Completed, summary);
        job.Items.Select(i => i.OrderId).ShouldBe(orderIds, ignoreOrder: true);
        job.Items.ShouldAllBe(i => i.Outcome != JobItemOutcome.None);
        // Three sends with one request id and a read-back all failing is rare at 20 % faults: nearly every order is cancelled.
        job.Items.Count(i => i.Outcome == JobItemOutcome.Cancelled).ShouldBeGreaterThanOrEqualTo(950, summary);
        changes.GroupBy(c => c.OrderId).ShouldAllBe(g => g.Count() == 1);
        // Asked once per order, across the kills: a retried or resent cancel reuses the item's stored MS-RequestId, and
        // the emulator lists each id once (a second id would be listed, applied or refused).
        (await RequestsAsync()).GroupBy(r => r.Path).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("orders asked to cancel with two request ids");
        job.Items.Where(i => i.Outcome == JobItemOutcome.Cancelled).ShouldAllBe(i => orders[i.OrderId!] == "cancelled");
        // A change was applied only where the job says it cancelled, or says it cannot tell.
        var applied = changes.Select(c => c.OrderId).ToHashSet();
        job.Items.Where(i => applied.Contains(i.OrderId!)).ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled || i.Outcome == JobItemOutcome.Unknown);

        // The activity log tells the same story as the items, kills and all: one record per item, with its outcome and ids.
        var records = await RecordsOfAsync(_desk.CreateScope().ServiceProvider.GetRequiredService<IActivityLog>(), jobId);
        records.Count(r => r.Action == ActivityAction.JobStart).ShouldBe(1);
        records.Count(r => r.Action == ActivityAction.JobFinish).ShouldBe(1);
        var itemRecords = records.Where(r => r.Action == ActivityAction.JobCancelOrder).ToDictionary(r => r.OrderId!);
        itemRecords.Count.ShouldBe(Orders, "one record per item, none twice");
        job.Items.ShouldAllBe(i =>
            itemRecords[i.OrderId!].Outcome == RecordedAs(i.Outcome)
            && itemRecords[i.OrderId!].RequestId == i.RequestId
            && itemRecords[i.OrderId!].CorrelationId == i.CorrelationId);
    }

    private static ActivityOutcome RecordedAs(JobItemOutcome outcome) => outcome switch
    {
        JobItemOutcome.Cancelled => ActivityOutcome.Applied,
        JobItemOutcome.AlreadyCancelled => ActivityOutcome.AlreadyDone,
        JobItemOutcome.Refused => ActivityOutcome.Refused,
        JobItemOutcome.Skipped => ActivityOutcome.Skipped,
        _ => ActivityOutcome.Unknown,
    };

    private static async Task<List<ActivityEntry>> RecordsOfAsync(IActivityLog log, Guid jobId)
    {
        var records = new List<ActivityEntry>();
        while (true)
        {
            var page = await log.QueryAsync(new ActivityQuery { JobId = jobId, Skip = records.Count, Take = ActivityQuery.MaxPageSize, Descending = false });
            records.AddRange(page.Entries);
            if (page.Entries.Count == 0 || records.Count >= page.Total)
            {
                return records;
            }
        }
    }

    private ChildProcess StartDashboard() => ChildProcess.Start("Dashboard.Web.dll", new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["PartnerCenter__BaseUrl"] = _emulatorAddress.ToString(),
        ["PartnerCenter__Environment"] = "IntegrationSandbox",
        ["PartnerCenter__SandboxTenantId"] = SandboxTenant,
        ["PartnerCenter__StaticToken"] = Token,
        // Fail fast on the emulator's timeouts (it holds them for 3 s), so that the run stays short.
        ["PartnerCenter__Timeout"] = "00:00:02",
        ["PartnerCenter__RequestsPerMinute"] = "6000",
        ["Store__ConnectionString"] = $"Data Source={StorePath}",
        // A killed instance's lease runs out soon: the next one takes the job over after 3 s.
        ["Jobs__LeaseSeconds"] = "3",
        ["Jobs__PollSeconds"] = "1",
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information",
    });

    /// <summary>
    /// Waits, reading the store the dashboard writes, until at least <paramref name="count"/> items have finished. The
    /// deadline only stops a hung run: the whole job takes about two minutes here, most of it the injected faults' waits.
    /// </summary>
    private static async Task FinishedAtLeastAsync(IJobService jobs, Guid jobId, int count, ChildProcess dashboard)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            var job = await jobs.GetJobAsync(jobId, TestContext.Current.CancellationToken);
            if (job is not null && (job.Job.Finished >= count || !job.Job.IsActive))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The job did not reach {count} finished items ({job?.Job.Finished} so far). The dashboard's output:\n{dashboard.Output}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The order desk of the test itself, on the dashboard's store: it plans and queues the job; it never runs one.</summary>
    private ServiceProvider JobDeskOnTheStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenter:StaticToken"] = Token,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<ICancelAuthorization, CancelsAllowed>();
        services.AddSingleton<ICurrentUserAccessor, SandboxOperator>();
        services.AddOrders(_ => _emulatorAddress);
        services.AddDashboardStore(StoreProvider.Sqlite, $"Data Source={StorePath}");
        services.AddJobs();
        return services.BuildServiceProvider();
    }

    private async Task<string> OnlyCustomerAsync()
    {
        using var client = EmulatorClient();
        using var customers = JsonDocument.Parse(await client.GetStringAsync("v1/customers"));
        return customers.RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<List<JsonElement>> OrdersOfAsync(string customer)
    {
        using var client = EmulatorClient();
        using var orders = JsonDocument.Parse(await client.GetStringAsync($"v1/customers/{customer}/orders"));
        return [.. orders.RootElement.GetProperty("items").EnumerateArray().Select(o => o.Clone())];
    }

    private async Task<List<EmulatorRecords.AppliedChange>> ChangesAsync()
    {
        using var client = EmulatorClient();
        return await EmulatorRecords.ChangesAsync(client);
    }

    private async Task<List<EmulatorRecords.AnsweredRequest>> RequestsAsync()
    {
        using var client = EmulatorClient();
        return await EmulatorRecords.RequestsAsync(client);
    }

    private async Task SetFaultsAsync(object faults)
    {
        using var client = EmulatorClient();
        (await client.PostAsJsonAsync("emulator/faults", faults)).EnsureSuccessStatusCode();
    }

    private HttpClient EmulatorClient()
    {
        var client = new HttpClient { BaseAddress = _emulatorAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

}
