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

    // KEYS[1]: the tenant's set. ARGV: the lane's limit, the window in ms, the permit's unique name. Returns 0 when the
    // permit was taken, else the milliseconds until enough permits leave the minute for this lane's limit.
    private const string Script = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local window = tonumber(ARGV[2]) * 1000
        local limit = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count < limit then
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 0
        end
        local leaving = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return math.max(1, math.ceil((tonumber(leaving[2]) + window - now) / 1000))
        """;

    private static long _sequence;

    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly RedisKey _key = $"sandbox-order-desk:partner-center-permits:{tenant}";

    /// <summary>The limit a lane's calls may fill the shared minute to.</summary>
    public int LimitOf(PartnerCenterLane lane)
    {
        var limit = options.Value.RequestsPerMinute;
        return lane == PartnerCenterLane.Background ? Math.Max(1, limit - (limit + 9) / 10) : limit;
    }

    public async ValueTask<TimeSpan?> TryTakeAsync(PartnerCenterLane lane, CancellationToken cancellationToken)
    {
        var permit = $"{_instance}/{Interlocked.Increment(ref _sequence)}";
        var result = await redis().GetDatabase()
            .ScriptEvaluateAsync(Script, [_key], [LimitOf(lane), WindowMilliseconds, permit])
            .WaitAsync(cancellationToken);
        var wait = (long)result;
        return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
    }
}
