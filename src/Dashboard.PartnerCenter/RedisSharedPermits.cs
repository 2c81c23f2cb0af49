using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.PartnerCenter;

// Hand-written rather than the RedisRateLimiting package: its limiters reject a call over the limit instead of letting
// it wait its turn, and its sliding window is kept on each instance's own clock. Here the one clock is Redis's (TIME),
// the waiting and its order stay in PartnerCenterRateLimit, and the script is a dozen lines.

/// <summary>
/// One sliding minute of Partner Center permits per partner tenant, shared by every instance through Redis: a sorted
/// set of the permits of the last minute, scored by when Redis granted them on its own clock, changed only by one Lua
/// script, so that instances never race. Calls made by people may use the whole limit; a job's calls leave the last
/// tenth of it to them, so that across instances too, interactive calls go before background ones.
/// </summary>
internal sealed class RedisSharedPermits(Func<IConnectionMultiplexer> redis, string tenant, IOptions<PartnerCenterOptions> options) : ISharedPermits
{
    // A minute and a second: a call reaches Partner Center some milliseconds after its permit, and not always equally
    // late. Spread over 61 s, the permits of any 60 s of arrivals stay within the limit however the calls' travel varies
    // by up to a second; the cost is a sixtieth of the throughput.
    private const long WindowMilliseconds = 61_000;

    // KEYS[1]: the tenant's permits; KEYS[2]: the instances that asked lately. ARGV: the lane's limit, the window in ms,
    // the permit's unique name, the instance's name, then the ages in ms of permits granted while Redis was out of
    // reach, which join the minute first (as of when they were granted). Returns {0 when the permit was taken, else the
    // milliseconds until enough permits leave the minute for this lane's limit; the instances of the last minute}.
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
        for i = 5, #ARGV do
            local age = tonumber(ARGV[i]) * 1000
            if age < window then
                redis.call('ZADD', KEYS[1], now - age, ARGV[3] .. '/carried/' .. i)
            end
        end
        local count = redis.call('ZCARD', KEYS[1])
        if count < limit then
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {0, instances}
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local leaving = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return {math.max(1, math.ceil((tonumber(leaving[2]) + window - now) / 1000)), instances}
        """;

    private static long _sequence;

    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    // One hash slot for both keys ({...}), so that the script may use them together on a Redis cluster too.
    private readonly RedisKey[] _keys = [$"sandbox-order-desk:{{partner-center:{tenant}}}:permits", $"sandbox-order-desk:{{partner-center:{tenant}}}:instances"];

    /// <summary>The limit a lane's calls may fill the shared minute to.</summary>
    public int LimitOf(PartnerCenterLane lane)
    {
        var limit = options.Value.RequestsPerMinute;
        return lane == PartnerCenterLane.Background ? Math.Max(1, limit - (limit + 9) / 10) : limit;
    }

    public async ValueTask<SharedPermit> TryTakeAsync(PartnerCenterLane lane, IReadOnlyList<TimeSpan> carried, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carried);
        var permit = $"{_instance}/{Interlocked.Increment(ref _sequence)}";
        RedisValue[] arguments = [LimitOf(lane), WindowMilliseconds, permit, _instance, .. carried.Select(age => (RedisValue)(long)age.TotalMilliseconds)];
        var result = (RedisResult[])(await redis().GetDatabase()
            .ScriptEvaluateAsync(Script, _keys, arguments)
            .WaitAsync(cancellationToken))!;
        var wait = (long)result[0];
        return new SharedPermit(wait == 0 ? null : TimeSpan.FromMilliseconds(wait), (int)result[1]);
    }
}
