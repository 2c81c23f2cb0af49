using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.PartnerCenter;

// Hand-written rather than the RedisRateLimiting package: its limiters reject a call over the limit instead of letting
// it wait its turn, and its sliding window is kept on each instance's own clock. Here the one clock is Redis's (TIME),
// the waiting and its order stay in PartnerCenterRateLimit, and the script is some twenty lines.

/// <summary>
/// One sliding window of Partner Center permits per partner tenant, shared by every instance through Redis: a sorted
/// set of the permits of the window, scored by when Redis granted them on its own clock, changed only by one Lua
/// script, so that instances never race. Calls made by people may use the whole limit; a job's calls leave the last
/// tenth of it to them, so that across instances too, interactive calls go before background ones.
/// </summary>
internal sealed class RedisSharedPermits : ISharedPermits, IDisposable
{
    // A minute and a second: a call reaches Partner Center some milliseconds after its permit, and not always equally
    // late. Spread over 61 s, the permits of any 60 s of arrivals stay within the limit however the calls' travel varies
    // by up to a second; the cost is a sixtieth of the throughput.
    private const long WindowMilliseconds = 61_000;

    // KEYS[1]: the tenant's permits; KEYS[2]: the instances that asked lately. ARGV: the lane's limit (0: take none), the
    // window in ms, the permit's unique name, the instance's name, then pairs of a permit's name and age in ms: this
    // instance's permits that Redis may have lost, added first, as of when they were granted (NX: once). Returns {0 when
    // the permit was taken or none asked for, else the ms until enough permits leave the window for this lane's limit;
    // the permits in the window; the instances of the window}.
    private const string Script = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local window = tonumber(ARGV[2]) * 1000
        local limit = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
        redis.call('ZADD', KEYS[2], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        local instances = redis.call('ZCARD', KEYS[2])
        for i = 5, #ARGV, 2 do
            local age = tonumber(ARGV[i + 1]) * 1000
            if age < window then
                redis.call('ZADD', KEYS[1], 'NX', now - age, ARGV[i])
            end
        end
        local count = redis.call('ZCARD', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        if limit == 0 then
            return {0, count, instances}
        end
        if count < limit then
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            return {0, count + 1, instances}
        end
        local leaving = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return {math.max(1, math.ceil((tonumber(leaving[2]) + window - now) / 1000)), count, instances}
        """;

    private static long _sequence;

    private readonly Func<IConnectionMultiplexer> _redis;
    private readonly IOptions<PartnerCenterOptions> _options;
    private readonly RedisKey[] _keys;
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private IConnectionMultiplexer? _watched;

    public RedisSharedPermits(Func<IConnectionMultiplexer> redis, string tenant, IOptions<PartnerCenterOptions> options)
    {
        _redis = redis;
        _options = options;
        _keys = KeysOf(tenant);
    }

    public event Action? Restored;

    public TimeSpan Window => TimeSpan.FromMilliseconds(WindowMilliseconds);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _watched, null) is { } connection)
        {
            connection.ConnectionRestored -= OnConnectionRestored;
        }
    }

    // The script runs on the interactive connection; the subscription's restore says nothing about it.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs restored)
    {
        if (restored.ConnectionType == ConnectionType.Interactive)
        {
            Restored?.Invoke();
        }
    }

    /// <summary>
    /// The tenant's permits and instances. One hash slot for both ({...}), so that the script may use them together on
    /// a Redis cluster too.
    /// </summary>
    public static RedisKey[] KeysOf(string tenant) =>
        [$"sandbox-order-desk:{{partner-center:{tenant}}}:permits", $"sandbox-order-desk:{{partner-center:{tenant}}}:instances"];

    /// <summary>The limit a lane's calls may fill the shared window to.</summary>
    public int LimitOf(PartnerCenterLane lane)
    {
        var limit = _options.Value.RequestsPerMinute;
        return lane == PartnerCenterLane.Background ? Math.Max(1, limit - (limit + 9) / 10) : limit;
    }

    public async ValueTask<SharedPermit> TryTakeAsync(
        PartnerCenterLane? lane, IReadOnlyList<(string Id, TimeSpan Age)> carried, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carried);
        var connection = _redis();
        if (Interlocked.CompareExchange(ref _watched, connection, null) is null)
        {
            // A Redis that restarted empty, or a cut that hid this instance's permits, is made good on reconnecting.
            connection.ConnectionRestored += OnConnectionRestored;
        }

        var permit = $"{_instance}/{Interlocked.Increment(ref _sequence)}";
        RedisValue[] arguments =
        [
            lane is { } taking ? LimitOf(taking) : 0, WindowMilliseconds, permit, _instance,
            .. carried.SelectMany(p => new RedisValue[] { p.Id, (long)p.Age.TotalMilliseconds }),
        ];
        var result = (RedisResult[])(await connection.GetDatabase()
            .ScriptEvaluateAsync(Script, _keys, arguments)
            .WaitAsync(cancellationToken))!;
        var wait = (long)result[0];
        return new SharedPermit(wait == 0 ? null : TimeSpan.FromMilliseconds(wait), permit, (int)result[1], (int)result[2]);
    }
}
