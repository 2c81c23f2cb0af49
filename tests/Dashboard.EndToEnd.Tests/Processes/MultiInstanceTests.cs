using Dashboard.Orders;
using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>
/// Two dashboard processes on one PostgreSQL database and one Redis, with the emulator as Partner Center, each its own
/// process talking real HTTP. Instance A runs one customer's job, instance B another's; A is killed with SIGKILL in the
/// middle of its job, and B finishes both: every order accounted for, none asked to cancel twice. All the while the instances
/// and the test's own order desk (a third instance, which plans the jobs and reads orders as a person would) share one
/// Partner Center limit through Redis: the emulator enforces the same limit and answers no 429 over the whole run.
/// </summary>
/// <remarks>
/// The limit also paces the run, whatever the machine's speed: a job's calls may take nine tenths of a minute's limit
/// (54 of 60), so A cannot finish its 60 orders within the first minute, and it is killed as soon as B has taken its own
/// job, seconds into that minute.
/// </remarks>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const int OrdersPerCustomer = 60;
    private const int OrdersOfB = 12;
    private const int Reads = 20;
    private const int RequestsPerMinute = 60;

    // Null until started: xUnit disposes the class even when its start failed half-way (DisposeAsync checks).
    private SharedInstances _shared = default!;
    private ServiceProvider _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _shared = await SharedInstances.StartAsync(new Dictionary<string, string>
        {
            ["Emulator__Seed"] = "bulk",
            ["Emulator__Large__Customers"] = "2",
            ["Emulator__Large__OrdersPerCustomer"] = OrdersPerCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Partner Center's limit, the same as the dashboards': a single call over it would be answered 429.
            ["Emulator__Throttling__RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _desk = OrderDeskOnTheSharedStore();
        foreach (var service in _desk.GetServices<IHostedService>().Where(s => s is not BackgroundService))
        {
            await service.StartAsync(Cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }

        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }
    }

    [Fact]
    public async Task JobOfAKilledInstance_IsFinishedByTheOther_AllUnderOneSharedLimit()
    {
        var (first, second) = await CustomersAsync();
        var jobs = _desk.CreateScope().ServiceProvider.GetRequiredService<IJobService>();
        var firstPlan = await PlanAsync(jobs, first, OrdersPerCustomer);
        var secondPlan = await PlanAsync(jobs, second, OrdersOfB);
        // Reads as a person makes them, through the shared limit, from the start.
        var reading = Task.Run(() => ReadOrdersAsync(first, [.. firstPlan.ToSend.Select(o => o.OrderId)]), Cancellation);

        var (a, _) = await StartDashboardAsync();
        var jobOfA = (await jobs.StartBulkCancelAsync(firstPlan, Cancellation)).Value;
        // Only A runs jobs so far (the test's desk never does): the items ending now are A's.
        await ReachedAsync(jobs, jobOfA, job => job.Finished >= 1, a);
        var (b, _) = await StartDashboardAsync();
        var jobOfB = (await jobs.StartBulkCancelAsync(secondPlan, Cancellation)).Value;
        // A runs one job at a time: the second is B's.
        await ReachedAsync(jobs, jobOfB, job => job.State != JobState.Queued, b);
        var beforeKill = (await jobs.GetJobAsync(jobOfA, Cancellation))!.Job;
        beforeKill.IsActive.ShouldBeTrue("A finished its job before it could be killed; the test proves nothing");
        await a.KillAsync();

        await ReachedAsync(jobs, jobOfA, job => !job.IsActive, b);
        await ReachedAsync(jobs, jobOfB, job => !job.IsActive, b);
        await reading;

        // Asked once per order: one MS-RequestId each (the emulator lists a request id once however often it was
        // retried), even for the item that A had sent when it was killed and B sent again.
        var cancels = (await _shared.RequestsAsync()).Where(r => r.Method == "PATCH").ToList();
        cancels.GroupBy(r => r.Path).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("orders asked to cancel twice, with different request ids");
        cancels.Select(r => r.Path.Split('/')[^1]).ShouldBe([.. firstPlan.ToSend.Concat(secondPlan.ToSend).Select(o => o.OrderId)], ignoreOrder: true);
        cancels.ShouldAllBe(r => r.StatusCode == 200);
        foreach (var (jobId, plan) in new[] { (jobOfA, firstPlan), (jobOfB, secondPlan) })
        {
            var job = (await jobs.GetJobAsync(jobId, Cancellation)).ShouldNotBeNull();
            var summary = string.Join(", ", job.Items.GroupBy(i => i.Outcome).Select(g => $"{g.Key} {g.Count()}"));
            TestContext.Current.TestOutputHelper?.WriteLine($"Job {jobId}: {summary}; {job.Job.Calls} calls; items by instance {await ItemsByInstanceAsync(jobId)} (A {a.Id}, B {b.Id})");
            job.Job.State.ShouldBe(JobState.Completed, summary);
            job.Items.Select(i => i.OrderId).ShouldBe(plan.ToSend.Select(o => o.OrderId), ignoreOrder: true);
            job.Items.ShouldAllBe(i => i.Outcome == JobItemOutcome.Cancelled, summary);
            (await FinishedByAsync(jobId)).ShouldBe($"{Environment.MachineName}/{b.Id}", "B finished the job");
        }

        var limit = await _shared.ThrottlingAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"A had finished {beforeKill.Finished} of {beforeKill.Total} when killed; the emulator saw {limit.Requests} requests, at most {limit.BusiestWindow} in a minute, {limit.Throttled} answered 429");
        limit.Requests.ShouldBeGreaterThan(RequestsPerMinute + RequestsPerMinute / 2, "the run asked for too little to test the limit");
        limit.Throttled.ShouldBe(0, "the instances together went over the tenant's limit");
    }

    private async Task<BulkCancelPlan> PlanAsync(IJobService jobs, string customer, int orders)
    {
        var all = (await _desk.CreateScope().ServiceProvider.GetRequiredService<IOrderService>().ListOrdersAsync(customer, Cancellation)).Value!;
        var plan = (await jobs.PreviewBulkCancelAsync(customer, [.. all.Take(orders).Select(o => o.Id)], Cancellation)).Value.ShouldNotBeNull();
        plan.ToSend.Count.ShouldBe(orders);
        return plan;
    }

    private Task<(ChildProcess Process, Uri Address)> StartDashboardAsync() => _shared.StartDashboardAsync(new Dictionary<string, string>
    {
        ["PartnerCenter__RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // A killed instance's lease runs out soon: the other takes the job over after 3 s.
        ["Jobs__LeaseSeconds"] = "3",
        ["Jobs__PollSeconds"] = "1",
    });

    /// <summary>The order desk of the test itself, a third instance on the shared store and limit: it plans and queues the job, and reads; it never runs a job.</summary>
    private ServiceProvider OrderDeskOnTheSharedStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenter:StaticToken"] = SharedInstances.Token,
            ["PartnerCenter:RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<ICancelAuthorization, CancelsAllowed>();
        services.AddSingleton<ICurrentUserAccessor, SandboxOperator>();
        services.AddOrders(_ => _shared.EmulatorAddress);
        services.AddSharedBetweenInstances(_ => _shared.RedisConnection, SharedInstances.SandboxTenant);
        services.AddDashboardStore(StoreProvider.PostgreSql, _shared.Database.ConnectionString);
        services.AddJobs();
        return services.BuildServiceProvider();
    }

    private async Task ReadOrdersAsync(string customer, List<string> orderIds)
    {
        for (var i = 0; i < Reads; i++)
        {
            using var scope = _desk.CreateScope();
            (await scope.ServiceProvider.GetRequiredService<IOrderService>().GetOrderAsync(customer, orderIds[i % orderIds.Count], Cancellation))
                .Succeeded.ShouldBeTrue();
        }
    }

    /// <summary>
    /// Waits, reading the shared store, until the job is as <paramref name="reached"/> says. The deadline only stops a
    /// hung run: the whole run takes about two and a half minutes at this limit.
    /// </summary>
    private static async Task ReachedAsync(IJobService jobs, Guid jobId, Func<JobSummary, bool> reached, ChildProcess dashboard)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            var job = await jobs.GetJobAsync(jobId, Cancellation);
            if (job is not null && reached(job.Job))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} did not get there ({job?.Job.State}, {job?.Job.Finished} items finished). The dashboard's output:\n{dashboard.Output}");
            }

            await Task.Delay(100, Cancellation);
        }
    }

    private async Task<string> ItemsByInstanceAsync(Guid jobId) =>
        string.Join(", ", (await Activity(new ActivityQuery { JobId = jobId, Action = ActivityAction.JobCancelOrder, Take = ActivityQuery.MaxPageSize }))
            .GroupBy(r => r.Instance).Select(g => $"{g.Key}: {g.Count()}"));

    private async Task<string> FinishedByAsync(Guid jobId) =>
        (await Activity(new ActivityQuery { JobId = jobId, Action = ActivityAction.JobFinish })).ShouldHaveSingleItem().Instance;

    private async Task<IReadOnlyList<ActivityEntry>> Activity(ActivityQuery query) =>
        (await _desk.CreateScope().ServiceProvider.GetRequiredService<IActivityLog>().QueryAsync(query, Cancellation)).Entries;

    private async Task<(string First, string Second)> CustomersAsync()
    {
        var customers = (await _desk.CreateScope().ServiceProvider.GetRequiredService<IOrderService>().ListCustomersAsync(Cancellation)).Value!;
        customers.Count.ShouldBe(2);
        return (customers[0].Id, customers[1].Id);
    }
}
