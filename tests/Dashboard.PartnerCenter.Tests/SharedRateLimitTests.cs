using System.Threading.RateLimiting;
using Dashboard.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// The rate limit every instance acting for one partner tenant shares through a real Redis: one sliding minute on
/// Redis's own clock, whichever instance asks. A job's calls leave the last tenth of the minute to people; when Redis
/// cannot be reached, each instance keeps to its share of the limit and says so, and what it granted meanwhile counts
/// in the shared minute once Redis is back. Each test has a tenant of its own.
/// </summary>
public sealed class SharedRateLimitTests : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly string _tenant = Guid.NewGuid().ToString();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _owned.ForEach(o => o.Dispose());
        var redis = await RedisServer.Shared;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await connection.GetDatabase().KeyDeleteAsync(RedisSharedPermits.KeysOf(_tenant));
    }

    private RedisKey Key => RedisSharedPermits.KeysOf(_tenant)[0];

    [Fact]
    public async Task AcquireAsync_TwoInstancesOfOneTenant_GrantTheLimitTogetherAndTheRestWait()
    {
        var redis = await RedisServer.Shared;
        var first = Instance(redis.ConnectionString, perMinute: 10);
        var second = Instance(redis.ConnectionString, perMinute: 10);

        var calls = Enumerable.Range(0, 8)
            .SelectMany(i => new[] { first.AcquireAsync(PartnerCenterLane.Reads, $"alice-{i}", Cancellation).AsTask(), second.AcquireAsync(PartnerCenterLane.Reads, $"bob-{i}", Cancellation).AsTask() })
            .ToList();
        await GrantedAsync(calls, 10);

        calls.Count(c => c.IsCompleted).ShouldBe(10, "the two instances together granted more than the tenant's limit");
        (await PermitsInRedisAsync(redis)).ShouldBe(10);
        (first.Waiting + second.Waiting).ShouldBe(6);
    }

    [Fact]
    public async Task AcquireAsync_SharedMinuteNineTenthsFullOfJobCalls_JobCallWaitsWhileAPersonsCallGoesAtOnce()
    {
        var redis = await RedisServer.Shared;
        var jobs = Instance(redis.ConnectionString, perMinute: 10);
        var people = Instance(redis.ConnectionString, perMinute: 10);
        var jobCalls = Enumerable.Range(0, 10).Select(_ => jobs.AcquireAsync(PartnerCenterLane.Background, "job", Cancellation).AsTask()).ToList();
        await GrantedAsync(jobCalls, 9);

        var read = await people.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation);

        read.IsAcquired.ShouldBeTrue();
        jobCalls.Count(c => c.IsCompleted).ShouldBe(9, "a job's calls took the last tenth of the minute, which is kept for people");
        (await PermitsInRedisAsync(redis)).ShouldBe(10);
    }

    [Fact]
    public async Task AcquireAsync_RedisUnreachable_KeepsToThisInstancesOwnLimitAndWarnsOnce()
    {
        var logs = new CapturedLogs();
        var nobody = LoopbackServer.AddressNobodyListensOn();
        var limit = Instance($"127.0.0.1:{nobody.Port},abortConnect=false,connectTimeout=200", perMinute: 3, logs);

        var calls = Enumerable.Range(0, 4).Select(i => limit.AcquireAsync(PartnerCenterLane.Reads, $"alice-{i}", Cancellation).AsTask()).ToList();
        await GrantedAsync(calls, 3);

        calls.Count(c => c.IsCompleted).ShouldBe(3);
        limit.Waiting.ShouldBe(1);
        logs.Events.Where(e => e.Level == LogLevel.Warning).ShouldHaveSingleItem().Message
            .ShouldBe("The shared Partner Center rate limit could not be reached; until it can be, this instance keeps to its share of 3 of the 3 calls per minute, which 1 instance(s) shared in the last minute");
    }

    [Fact]
    public async Task AcquireAsync_RedisDownAndRestartedEmpty_KeepsToItsShareOfTheRoomLeftAndEveryInstanceGivesItsPermitsBack()
    {
        await using var redis = await RedisServer.StartAsync(Cancellation);
        var a = Instance(redis.ConnectionString, perMinute: 10);
        var b = Instance(redis.ConnectionString, perMinute: 10);
        // B takes four, then A one: A last heard of two instances and a window of five, just before the outage.
        foreach (var (limit, user) in new[] { (b, "bob-0"), (b, "bob-1"), (b, "bob-2"), (b, "bob-3"), (a, "alice-0") })
        {
            (await limit.AcquireAsync(PartnerCenterLane.Reads, user, Cancellation)).IsAcquired.ShouldBeTrue();
        }

        var calls = new List<Task<RateLimitLease>>();
        await redis.RestartAsync(async () =>
        {
            calls.AddRange(Enumerable.Range(1, 5).Select(i => a.AcquireAsync(PartnerCenterLane.Reads, $"alice-{i}", Cancellation).AsTask()));
            await GrantedAsync(calls, 2);
            // Past the pump's next look at Redis (every second): a third permit would be over A's share of the room
            // left. Correct code never grants it, so this wait can only make a wrong limit fail, not a right one.
            await Task.WhenAny(Task.WhenAll(calls), Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation));
            calls.Count(c => c.IsCompleted).ShouldBe(2, "A's share of the room left, (10 - 5) / 2, not of the limit (5 - 1)");
            a.Waiting.ShouldBe(3);
        }, Cancellation);

        // Redis restarted empty. A gives back its three permits, B (idle) its four on reconnecting; then A's three
        // waiting calls fill the window.
        await GrantedAsync(calls, 5);
        await GivenBackAsync(redis, [a, b], 10);
        (await PermitsInRedisAsync(redis)).ShouldBe(10, "a permit was given back twice");
    }

    [Fact]
    public async Task AcquireAsync_RedisDownAfterAQuietSpell_GrantsNothingUntilTheOutagesFirstWindowHasPassed()
    {
        await using var redis = await RedisServer.StartAsync(Cancellation);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var a = Instance(redis.ConnectionString, perMinute: 10, logs, clock);
        (await a.AcquireAsync(PartnerCenterLane.Reads, "alice-0", Cancellation)).IsAcquired.ShouldBeTrue();
        // Quiet for ten seconds: how full the shared window is when Redis goes, A cannot know.
        clock.Advance(TimeSpan.FromSeconds(10));

        Task<RateLimitLease> call = default!;
        await redis.RestartAsync(async () =>
        {
            call = a.AcquireAsync(PartnerCenterLane.Reads, "alice-1", Cancellation).AsTask();
            await WarnedAsync(logs);
            // Half a window into the outage, with the pump asking Redis again: still nothing. Correct code never grants
            // it, so this real wait can only make a wrong limit fail, not a right one.
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation));
            call.IsCompleted.ShouldBeFalse("A granted a permit in the outage's first window without knowing how full it was");

            // The outage's first window has passed: whatever was in it has left; A keeps to its share (all of 10).
            clock.Advance(TimeSpan.FromSeconds(32));
            (await call.WaitAsync(TimeSpan.FromSeconds(30), Cancellation)).IsAcquired.ShouldBeTrue();
        }, Cancellation);
    }

    /// <summary>Waits until the limit has said that it fell back to its own share: its pump met the outage.</summary>
    private static async Task WarnedAsync(CapturedLogs logs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!logs.Events.Any(e => e.Level == LogLevel.Warning))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the limit never fell back");
            await Task.Delay(20, Cancellation);
        }
    }

    private PartnerCenterRateLimit Instance(string redis, int perMinute, CapturedLogs? logs = null, TimeProvider? time = null)
    {
        var options = Options.Create(new PartnerCenterOptions { RequestsPerMinute = perMinute });
        var configuration = ConfigurationOptions.Parse(redis);
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = ConnectionMultiplexer.Connect(configuration);
        var permits = new RedisSharedPermits(() => connection, _tenant, options);
        var loggers = LoggerFactory.Create(l => l.AddProvider(logs ?? new CapturedLogs()));
        var limit = new PartnerCenterRateLimit(options, time ?? TimeProvider.System, permits, loggers.CreateLogger<PartnerCenterRateLimit>());
        _owned.AddRange([limit, permits, connection, loggers]);
        return limit;
    }

    /// <summary>Waits until <paramref name="count"/> of the calls have their permit; the others may still be waiting.</summary>
    private static async Task GrantedAsync(IReadOnlyList<Task<RateLimitLease>> calls, int count)
    {
        while (calls.Count(c => c.IsCompleted) < count)
        {
            // The bound only stops a hung test (a Redis that never reconnects); a permit comes within a second or two.
            await Task.WhenAny(calls.Where(c => !c.IsCompleted)).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        }

        calls.Where(c => c.IsCompleted).ShouldAllBe(c => c.Result.IsAcquired);
    }

    /// <summary>
    /// Waits until the shared window holds <paramref name="count"/> permits and no instance has more to give back:
    /// instances give theirs back on their own time.
    /// </summary>
    private async Task GivenBackAsync(RedisServer redis, PartnerCenterRateLimit[] instances, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await PermitsInRedisAsync(redis) < count || instances.Any(i => i.MayBeMissingPermits))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the instances never gave back their permits ({await PermitsInRedisAsync(redis)} of {count})");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task<long> PermitsInRedisAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return await connection.GetDatabase().SortedSetLengthAsync(Key);
    }
}
