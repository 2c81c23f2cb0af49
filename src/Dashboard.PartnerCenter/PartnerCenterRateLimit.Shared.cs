namespace Dashboard.PartnerCenter;

/// <summary>
/// The limit with a minute that every instance shares (<see cref="ISharedPermits"/>, in Redis). The waiting calls queue
/// here as they do alone, by lane and user's turn; one pump hands out the permits: it asks the shared minute for one for
/// the call whose turn it is, gives it to that call, and when the minute is full waits until a permit may be free, or
/// until a call arrives that may go first. When Redis cannot be reached, the pump falls back to this process's own
/// minute, with its share of the limit: the limit divided by the instances that asked for permits in the last minute
/// (counting this instance's own permits of that minute), so that all of them together still keep to it. It says so in
/// the log, asks Redis again every second, and when Redis answers again, the permits it granted on its own join the
/// shared minute before any other (docs/scale-out.md#when-redis-is-down).
/// </summary>
internal sealed partial class PartnerCenterRateLimit
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AskRedisAgainEvery = TimeSpan.FromSeconds(1);

    private readonly ISharedPermits? _shared;
    private readonly ILogger<PartnerCenterRateLimit> _logger;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump = Task.CompletedTask;
    private long _lastWarning = long.MinValue;
    private readonly Queue<long> _unshared = new(); // the permits granted on this instance's own while Redis was out of reach
    private int _instances = 1; // the instances that asked the shared minute for permits in its last minute, as last heard

    private async Task PumpAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await PumpOnceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return; // Disposed.
            }
            catch (Exception ex)
            {
                // Every call waits on the pump: it never stops for a surprise, it says so and goes on.
                _logger.LogError(ex, "The Partner Center rate limit's pump met an error; it goes on");
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, stopping);
            }
        }
    }

    private async Task PumpOnceAsync(CancellationToken stopping)
    {
        // The arrivals counted so far are answered by this look at the queue; only later ones wake a wait below.
        while (_arrived.Wait(0, CancellationToken.None))
        {
        }

        PartnerCenterLane? lane;
        lock (_gate)
        {
            lane = _lanes.FirstOrDefault(l => !l.IsEmpty) is { } next ? (PartnerCenterLane)Array.IndexOf(_lanes, next) : null;
        }

        if (lane is not { } turn)
        {
            // Empty: a call that arrived after the look above has released the semaphore, so this returns at once.
            await _arrived.WaitAsync(stopping);
            return;
        }

        if (await TakeAsync(turn, stopping) is not { } wait)
        {
            GrantOne();
            return;
        }

        // A wait longer than the window means the shared minute's clock or contents are wrong: look again within one.
        await WaitForPermitOrArrivalAsync(TimeSpan.FromTicks(Math.Clamp(wait.Ticks, TimeSpan.TicksPerMillisecond, Window.Ticks + TimeSpan.TicksPerSecond)), stopping);
    }

    /// <summary>A permit of the shared minute, else of this process's share of the limit while Redis cannot be reached.</summary>
    private async Task<TimeSpan?> TakeAsync(PartnerCenterLane lane, CancellationToken stopping)
    {
        // Only the pump grants in shared mode, so nothing joins _unshared between this look and the answer.
        List<TimeSpan> carried;
        var asked = _time.GetTimestamp();
        lock (_gate)
        {
            Expire(asked);
            while (_unshared.Count > 0 && _time.GetElapsedTime(_unshared.Peek(), asked) >= Window)
            {
                _unshared.Dequeue();
            }

            carried = [.. _unshared.Select(granted => _time.GetElapsedTime(granted, asked))];
        }

        SharedPermit answer;
        try
        {
            answer = await _shared!.TryTakeAsync(lane, carried, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            return TakeOwnShare(ex);
        }

        lock (_gate)
        {
            _unshared.Clear();
            _instances = Math.Max(1, answer.Instances);
            if (answer.Wait is null)
            {
                _grants.Enqueue(_time.GetTimestamp()); // counted again should Redis go away
            }
        }

        if (carried.Count > 0)
        {
            _logger.LogInformation("The shared Partner Center rate limit is reachable again; the {Carried} calls this instance made on its own meanwhile now count in it", carried.Count);
        }

        return answer.Wait;
    }

    /// <summary>Redis cannot be reached: a permit of this instance's share of the minute, or when to ask Redis again.</summary>
    private TimeSpan? TakeOwnShare(Exception ex)
    {
        var now = _time.GetTimestamp();
        int share, instances;
        lock (_gate)
        {
            instances = _instances;
            share = Math.Max(1, _permitsPerMinute / instances);
        }

        if (Interlocked.Read(ref _lastWarning) == long.MinValue || _time.GetElapsedTime(Interlocked.Read(ref _lastWarning), now) >= WarnEvery)
        {
            Interlocked.Exchange(ref _lastWarning, now);
            _logger.LogWarning(ex, "The shared Partner Center rate limit could not be reached; until it can be, this instance keeps to its share of {Share} of the {RequestsPerMinute} calls per minute, which {Instances} instance(s) shared in the last minute",
                share, _permitsPerMinute, instances);
        }

        lock (_gate)
        {
            Expire(now);
            if (_grants.Count < share)
            {
                _grants.Enqueue(now);
                _unshared.Enqueue(now);
                return null;
            }

            // Full: wait for a permit of its own to leave the minute, but ask Redis again within a second.
            var ownPermitFree = Window - _time.GetElapsedTime(_grants.Peek(), now);
            return ownPermitFree < AskRedisAgainEvery ? ownPermitFree : AskRedisAgainEvery;
        }
    }

    /// <summary>The permit goes to the call whose turn it is now; a permit nobody is left to take is not used.</summary>
    private void GrantOne()
    {
        RateLimitWaiter? waiter = null;
        lock (_gate)
        {
            if (_lanes.FirstOrDefault(l => !l.IsEmpty) is { } lane)
            {
                waiter = lane.Next();
                _waiting--;
            }
        }

        waiter?.Turn.TrySetResult(Lease.Granted);
    }

    private async Task WaitForPermitOrArrivalAsync(TimeSpan wait, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var arrival = _arrived.WaitAsync(either.Token);
        var permit = Task.Delay(wait, _time, either.Token);
        await Task.WhenAny(arrival, permit);
        await either.CancelAsync();
        try
        {
            await Task.WhenAll(arrival, permit);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The other one of the two, no longer waited for.
        }
    }

    // The semaphore is left to the collector: a call racing the disposal may still release it, and it holds no handle.
    private void StopPump()
    {
        _stopping.Cancel();
        _ = _pump.ContinueWith(_ => _stopping.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
