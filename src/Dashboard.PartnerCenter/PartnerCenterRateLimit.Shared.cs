namespace Dashboard.PartnerCenter;

/// <summary>
/// The limit with a window that every instance shares (<see cref="ISharedPermits"/>, in Redis). The waiting calls queue
/// here as they do alone, by lane and user's turn; one pump hands out the permits: it asks the shared window for one
/// for the call whose turn it is, gives it to that call, and when the window is full waits until a permit may be free,
/// or until a call arrives that may go first. This instance remembers its own permits of the window, under the names
/// they have in Redis.
/// </summary>
/// <remarks>
/// When Redis cannot be reached, the pump keeps to this instance's share of the limit: the limit divided by the
/// instances the shared window last said it had, counting its own permits of the window. In the outage's first window,
/// while the permits taken before it may still fill the shared window, it takes no more than its share of the room that
/// window had left when last heard, and none when it had not heard from it just before. It says so in the log and asks
/// Redis again every second. When Redis answers again, or the connection says it is back, this instance's permits of the
/// window are added to the shared window under their names (each at most once): a Redis that restarted empty learns
/// what it lost, and one that lost nothing is unchanged (docs/scale-out.md#when-redis-is-down).
/// </remarks>
internal sealed partial class PartnerCenterRateLimit
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AskRedisAgainEvery = TimeSpan.FromSeconds(1);

    // How recent the shared window's last answer must be, when an outage begins, for its count to be trusted.
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly ISharedPermits? _shared;
    private readonly ILogger<PartnerCenterRateLimit> _logger;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump = Task.CompletedTask;
    private readonly string _ownPermits = $"{Environment.ProcessId}/{Guid.NewGuid():N}/own";
    private long _lastWarning = long.MinValue;

    // Under _gate: this instance's permits of the shared window (oldest first); whether Redis may be missing some of
    // them, and how often the connection came back (a restore during a call must not be forgotten by its answer); the
    // shared window as last heard; when the current outage began, and the permits granted on this instance's own since.
    private readonly Queue<(string Id, long At)> _mine = new();
    private bool _mayBeMissing;
    private int _restores;
    private SharedPermit _lastHeard = new(null, "", 0, 1);
    private long _lastHeardAt = long.MinValue;
    private long _outageSince = long.MinValue;
    private int _ownSinceOutage;
    private long _ownSequence;

    /// <summary>Whether Redis may still be missing some of this instance's permits: for tests, which must not guess.</summary>
    internal bool MayBeMissingPermits
    {
        get
        {
            lock (_gate)
            {
                return _mayBeMissing;
            }
        }
    }

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
            bool mayBeMissing;
            lock (_gate)
            {
                mayBeMissing = _mayBeMissing;
            }

            if (!mayBeMissing)
            {
                // Empty: a call that arrived after the look above has released the semaphore, so this returns at once.
                await _arrived.WaitAsync(stopping);
                return;
            }

            // Nobody waits, but Redis may be missing this instance's permits: give them back now, not at the next call.
            await TakeAsync(null, stopping);
            await WaitForPermitOrArrivalAsync(AskRedisAgainEvery, stopping);
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

    /// <summary>
    /// A permit of the shared window for a call of <paramref name="lane"/> (none when null), after giving back what Redis
    /// may be missing; else, while Redis cannot be reached, one of this instance's share. Null when taken.
    /// </summary>
    private async Task<TimeSpan?> TakeAsync(PartnerCenterLane? lane, CancellationToken stopping)
    {
        var window = _shared!.Window;
        List<(string Id, TimeSpan Age)> carried = [];
        var asked = _time.GetTimestamp();
        int restores;
        lock (_gate)
        {
            restores = _restores;
            ForgetOlderThan(window, asked);
            if (_mayBeMissing)
            {
                carried = [.. _mine.Select(p => (p.Id, _time.GetElapsedTime(p.At, asked)))];
            }
        }

        SharedPermit answer;
        try
        {
            answer = await _shared.TryTakeAsync(lane, carried, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            return lane is { } taking ? TakeOwnShare(taking, window, ex) : null;
        }

        var now = _time.GetTimestamp();
        lock (_gate)
        {
            _mayBeMissing &= _restores != restores;
            _lastHeard = answer;
            _lastHeardAt = now;
            _outageSince = long.MinValue;
            _ownSinceOutage = 0;
            if (lane is not null && answer.Wait is null)
            {
                _mine.Enqueue((answer.Id, now));
            }
        }

        if (carried.Count > 0)
        {
            _logger.LogInformation("The shared Partner Center rate limit is reachable again; this instance's {Carried} calls of its window count in it again", carried.Count);
        }

        return lane is null ? null : answer.Wait;
    }

    /// <summary>Redis cannot be reached: a permit of this instance's share of the window, or when to ask Redis again.</summary>
    private TimeSpan? TakeOwnShare(PartnerCenterLane lane, TimeSpan window, Exception ex)
    {
        var now = _time.GetTimestamp();
        int share, instances;
        bool granted;
        lock (_gate)
        {
            _mayBeMissing = true;
            if (_outageSince == long.MinValue)
            {
                _outageSince = now;
            }

            ForgetOlderThan(window, now);
            instances = Math.Max(1, _lastHeard.Instances);
            share = Math.Max(1, ForLane(lane, _permitsPerMinute / instances));
            granted = _mine.Count < share && (_time.GetElapsedTime(_outageSince, now) >= window || _ownSinceOutage < RoomLeft(lane, instances));
            if (granted)
            {
                _mine.Enqueue(($"{_ownPermits}/{++_ownSequence}", now));
                _ownSinceOutage++;
            }
        }

        if (Interlocked.Read(ref _lastWarning) == long.MinValue || _time.GetElapsedTime(Interlocked.Read(ref _lastWarning), now) >= WarnEvery)
        {
            Interlocked.Exchange(ref _lastWarning, now);
            _logger.LogWarning(ex, "The shared Partner Center rate limit could not be reached; until it can be, this instance keeps to its share of {Share} of the {RequestsPerMinute} calls per minute, which {Instances} instance(s) shared in the last minute",
                share, _permitsPerMinute, instances);
        }

        return granted ? null : AskRedisAgainEvery;
    }

    /// <summary>
    /// Under _gate, within the first window of an outage, when the permits taken before it may still fill the shared
    /// window: this instance's share of the room the window had left when last heard, if that was just before the
    /// outage began; else none, as the window may be full for all this instance knows. An instance that never reached
    /// Redis knows of no other window and no other instance: it keeps to the limit as if alone.
    /// </summary>
    private int RoomLeft(PartnerCenterLane lane, int instances) =>
        _lastHeardAt == long.MinValue ? int.MaxValue
        : _time.GetElapsedTime(_lastHeardAt, _outageSince) <= FreshFor ? ForLane(lane, Math.Max(0, _permitsPerMinute - _lastHeard.Count) / instances)
        : 0;

    // A job's calls leave the last tenth of a share to people, as they do of the shared window.
    private static int ForLane(PartnerCenterLane lane, int share) =>
        lane == PartnerCenterLane.Background ? share - (share + 9) / 10 : share;

    private void ForgetOlderThan(TimeSpan window, long now)
    {
        while (_mine.Count > 0 && _time.GetElapsedTime(_mine.Peek().At, now) >= window)
        {
            _mine.Dequeue();
        }
    }

    /// <summary>The connection to Redis is back: what Redis lost of this instance's permits is given back at once.</summary>
    private void OnRestored()
    {
        lock (_gate)
        {
            _mayBeMissing = true;
            _restores++;
        }

        _arrived.Release();
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
        if (_shared is not null)
        {
            _shared.Restored -= OnRestored;
        }

        _stopping.Cancel();
        _ = _pump.ContinueWith(_ => _stopping.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
