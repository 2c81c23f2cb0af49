using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.PartnerCenter;

// Hand-written because no library does this: System.Threading.RateLimiting's limiters serve one queue oldest- or
// newest-first, and its PartitionedRateLimiter gives each partition a budget of its own, with no priority between
// partitions that share one budget; no package on NuGet orders the waiting calls of one sliding limit by lane and user.

/// <summary>
/// The client-side limit on Partner Center calls: at most <c>PartnerCenter:RequestsPerMinute</c> permits in any
/// sliding minute, for the whole process; each attempt of a call takes one. A call over the limit waits. Waiting calls
/// are served by lane — changes, then reads, then background work — and within a lane the users take turns, one call
/// each, so that one user's many refreshes delay another user's call by one turn at most. A call that would take the
/// waiting calls over <c>PartnerCenter:QueueLimit</c>, or its user's over <c>PartnerCenter:UserQueueShare</c> of that,
/// is refused at once. A caller that stops waiting leaves the queue. Time is the injected <see cref="TimeProvider"/>'s.
/// With Redis, the minute is the one every instance shares (<see cref="ISharedPermits"/>; PartnerCenterRateLimit.Shared.cs).
/// </summary>
internal sealed partial class PartnerCenterRateLimit : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _permitsPerMinute;
    private readonly int _queueLimit;
    private readonly int _userQueueLimit;
    private readonly Queue<long> _grants = new(); // when each permit of the last minute was granted, oldest first
    private readonly RateLimitLane[] _lanes = [new(), new(), new()]; // in the order of PartnerCenterLane
    private readonly List<(int Count, TaskCompletionSource Signal)> _watchers = [];
    private readonly ITimer _timer;
    private int _waiting;
    private bool _disposed;

    public PartnerCenterRateLimit(
        IOptions<PartnerCenterOptions> options, TimeProvider time, ISharedPermits? shared = null, ILogger<PartnerCenterRateLimit>? logger = null)
    {
        var settings = options.Value;
        _time = time;
        _shared = shared;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<PartnerCenterRateLimit>.Instance;
        _permitsPerMinute = settings.RequestsPerMinute;
        _queueLimit = settings.QueueLimit;
        // In decimal, so that a share of 0.29 of 100 calls is 29 calls, not 28.999...
        _userQueueLimit = (int)Math.Floor((decimal)settings.UserQueueShare * settings.QueueLimit);
        _timer = time.CreateTimer(_ => GrantAndComplete(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (shared is not null)
        {
            shared.Restored += OnRestored;
            _pump = Task.Run(PumpAsync);
        }
    }

    /// <summary>How many calls are waiting for a permit.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>Why <paramref name="lease"/> was refused, or null when it was not.</summary>
    public static QueueRefusal? RefusalOf(RateLimitLease lease) => (lease as Lease)?.Refusal;

    /// <summary>
    /// A permit at once while the last minute has room and nobody waits; otherwise once the call's turn comes. A lease
    /// that is not acquired, at once, when the call may not wait (see <see cref="RefusalOf"/>).
    /// </summary>
    public ValueTask<RateLimitLease> AcquireAsync(PartnerCenterLane lane, string user, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        RateLimitWaiter waiter;
        List<RateLimitWaiter> granted;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            Expire(now);
            if (_shared is null && _waiting == 0 && _grants.Count < _permitsPerMinute)
            {
                _grants.Enqueue(now);
                return new(Lease.Granted);
            }

            if (_lanes.Sum(lane => lane.CountOf(user)) >= _userQueueLimit)
            {
                return new(Lease.UserShareFull);
            }

            if (_waiting >= _queueLimit)
            {
                return new(Lease.QueueFull);
            }

            waiter = new RateLimitWaiter(lane, user);
            _lanes[(int)lane].Add(waiter);
            _waiting++;
            _watchers.RemoveAll(watcher => watcher.Count <= _waiting && watcher.Signal.TrySetResult());
            granted = _shared is null ? Grant(now) : [];
        }

        Complete(granted);
        if (_shared is not null)
        {
            _arrived.Release();
        }

        // The call's task is the turn itself, complete the moment the permit is granted (a test that moves a fake clock
        // sees it at once). The cancellation registration ends with it.
        var registration = cancellationToken.Register(() => Leave(waiter, cancellationToken));
        _ = waiter.Turn.Task.ContinueWith(
            static (_, state) => ((CancellationTokenRegistration)state!).Unregister(), registration,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new(waiter.Turn.Task);
    }

    /// <summary>Completes once at least <paramref name="count"/> calls are waiting: for tests, which must not guess.</summary>
    public Task WhenWaitingAsync(int count)
    {
        lock (_gate)
        {
            if (_waiting >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((count, signal));
            return signal.Task;
        }
    }

    public void Dispose()
    {
        var abandoned = new List<RateLimitWaiter>();
        lock (_gate)
        {
            _disposed = true;
            foreach (var lane in _lanes)
            {
                while (lane.Next() is { } waiter)
                {
                    abandoned.Add(waiter);
                }
            }
        }

        _timer.Dispose();
        StopPump();
        abandoned.ForEach(waiter => waiter.Turn.TrySetException(new ObjectDisposedException(nameof(PartnerCenterRateLimit))));
    }

    // Under the lock: a permit to each waiting call while the last minute has room, best lane first; then the timer
    // for the moment the oldest permit leaves the minute.
    private List<RateLimitWaiter> Grant(long now)
    {
        Expire(now);
        var granted = new List<RateLimitWaiter>();
        while (_waiting > 0 && _grants.Count < _permitsPerMinute)
        {
            granted.Add(_lanes.First(lane => !lane.IsEmpty).Next()!);
            _waiting--;
            _grants.Enqueue(now);
        }

        if (_waiting > 0)
        {
            _timer.Change(Window - _time.GetElapsedTime(_grants.Peek(), now), Timeout.InfiniteTimeSpan);
        }

        return granted;
    }

    private void GrantAndComplete()
    {
        List<RateLimitWaiter> granted;
        lock (_gate)
        {
            granted = _disposed ? [] : Grant(_time.GetTimestamp());
        }

        Complete(granted);
    }

    private static void Complete(List<RateLimitWaiter> granted) => granted.ForEach(waiter => waiter.Turn.TrySetResult(Lease.Granted));

    private void Leave(RateLimitWaiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_lanes[(int)waiter.Lane].Remove(waiter))
            {
                return; // it has its permit already
            }

            _waiting--;
        }

        waiter.Turn.TrySetCanceled(cancellationToken);
    }

    // A permit leaves the sliding minute when it is a full minute old, not a tick earlier.
    private void Expire(long now)
    {
        while (_grants.Count > 0 && _time.GetElapsedTime(_grants.Peek(), now) >= Window)
        {
            _grants.Dequeue();
        }
    }

    private sealed class Lease(QueueRefusal? refusal) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);
        public static readonly Lease UserShareFull = new(QueueRefusal.UserShareFull);
        public static readonly Lease QueueFull = new(QueueRefusal.QueueFull);

        public QueueRefusal? Refusal { get; } = refusal;

        public override bool IsAcquired => Refusal is null;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
