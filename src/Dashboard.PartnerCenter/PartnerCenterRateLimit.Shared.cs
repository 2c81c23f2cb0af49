namespace Dashboard.PartnerCenter;

/// <summary>
/// The limit with a minute that every instance shares (<see cref="ISharedPermits"/>, in Redis). The waiting calls queue
/// here as they do alone, by lane and user's turn; one pump hands out the permits: it asks the shared minute for one for
/// the call whose turn it is, gives it to that call, and when the minute is full waits until a permit may be free, or
/// until a call arrives that may go first. When Redis cannot be reached, the pump falls back to this process's own
/// minute, as an instance alone would do, and says so in the log.
/// </summary>
internal sealed partial class PartnerCenterRateLimit
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly ISharedPermits? _shared;
    private readonly ILogger<PartnerCenterRateLimit> _logger;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump = Task.CompletedTask;
    private long _lastWarning = long.MinValue;

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

    /// <summary>A permit of the shared minute, else of this process's own while Redis cannot be reached.</summary>
    private async Task<TimeSpan?> TakeAsync(PartnerCenterLane lane, CancellationToken stopping)
    {
        try
        {
            return await _shared!.TryTakeAsync(lane, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            var now = _time.GetTimestamp();
            if (Interlocked.Read(ref _lastWarning) == long.MinValue || _time.GetElapsedTime(Interlocked.Read(ref _lastWarning), now) >= WarnEvery)
            {
                Interlocked.Exchange(ref _lastWarning, now);
                _logger.LogWarning(ex, "The shared Partner Center rate limit could not be reached; this instance keeps to its own limit of {RequestsPerMinute} calls per minute until it can",
                    _permitsPerMinute);
            }

            lock (_gate)
            {
                Expire(now);
                if (_grants.Count < _permitsPerMinute)
                {
                    _grants.Enqueue(now);
                    return null;
                }

                return Window - _time.GetElapsedTime(_grants.Peek(), now);
            }
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
