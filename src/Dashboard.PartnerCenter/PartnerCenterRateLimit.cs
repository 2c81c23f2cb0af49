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
/// </summary>
internal sealed class PartnerCenterRateLimit : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _permitsPerMinute;
    private readonly int _queueLimit;
    private readonly int _userQueueLimit;
    private readonly Queue<long> _grants = new(); // when each permit of the last minute was granted, oldest first
    private readonly Lane[] _lanes = [new(), new(), new()]; // in the order of PartnerCenterLane
    private readonly List<(int Count, TaskCompletionSource Signal)> _watchers = [];
    private readonly ITimer _timer;
    private int _waiting;
    private bool _disposed;

    public PartnerCenterRateLimit(IOptions<PartnerCenterOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        _time = time;
        _permitsPerMinute = settings.RequestsPerMinute;
        _queueLimit = settings.QueueLimit;
        // In decimal, so that a share of 0.29 of 100 calls is 29 calls, not 28.999...
        _userQueueLimit = (int)Math.Floor((decimal)settings.UserQueueShare * settings.QueueLimit);
        _timer = time.CreateTimer(_ => GrantAndComplete(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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

        Waiter waiter;
        List<Waiter> granted;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            Expire(now);
            if (_waiting == 0 && _grants.Count < _permitsPerMinute)
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

            waiter = new Waiter(lane, user);
            _lanes[(int)lane].Add(waiter);
            _waiting++;
            _watchers.RemoveAll(watcher => watcher.Count <= _waiting && watcher.Signal.TrySetResult());
            granted = Grant(now);
        }

        Complete(granted);
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
        var abandoned = new List<Waiter>();
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
        abandoned.ForEach(waiter => waiter.Turn.TrySetException(new ObjectDisposedException(nameof(PartnerCenterRateLimit))));
    }

    // Under the lock: a permit to each waiting call while the last minute has room, best lane first; then the timer
    // for the moment the oldest permit leaves the minute.
    private List<Waiter> Grant(long now)
    {
        Expire(now);
        var granted = new List<Waiter>();
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
        List<Waiter> granted;
        lock (_gate)
        {
            granted = _disposed ? [] : Grant(_time.GetTimestamp());
        }

        Complete(granted);
    }

    private static void Complete(List<Waiter> granted) => granted.ForEach(waiter => waiter.Turn.TrySetResult(Lease.Granted));

    private void Leave(Waiter waiter, CancellationToken cancellationToken)
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

    private sealed class Waiter(PartnerCenterLane lane, string user)
    {
        public PartnerCenterLane Lane { get; } = lane;

        public string User { get; } = user;

        public TaskCompletionSource<RateLimitLease> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its place in its user's calls of its lane; null once it has left them.</summary>
        public LinkedListNode<Waiter>? Place { get; set; }
    }

    // One lane's waiting calls: each user's in arrival order, and the users in the order of their turns.
    private sealed class Lane
    {
        private readonly Dictionary<string, LinkedList<Waiter>> _calls = new(StringComparer.Ordinal);
        private readonly LinkedList<string> _turns = new();

        public bool IsEmpty => _turns.Count == 0;

        public int CountOf(string user) => _calls.TryGetValue(user, out var calls) ? calls.Count : 0;

        public void Add(Waiter waiter)
        {
            if (!_calls.TryGetValue(waiter.User, out var calls))
            {
                _calls.Add(waiter.User, calls = new LinkedList<Waiter>());
                _turns.AddLast(waiter.User);
            }

            waiter.Place = calls.AddLast(waiter);
        }

        /// <summary>The oldest call of the user whose turn it is; that user's next turn comes after everyone else's.</summary>
        public Waiter? Next()
        {
            if (_turns.First is not { } turn)
            {
                return null;
            }

            var waiter = _calls[turn.Value].First!.Value;
            Remove(waiter);
            if (turn.List is not null)
            {
                _turns.Remove(turn);
                _turns.AddLast(turn);
            }

            return waiter;
        }

        public bool Remove(Waiter waiter)
        {
            if (waiter.Place is not { } place)
            {
                return false;
            }

            place.List!.Remove(place);
            waiter.Place = null;
            if (_calls[waiter.User].Count == 0)
            {
                _calls.Remove(waiter.User);
                _turns.Remove(waiter.User); // among the users waiting in this lane: a few
            }

            return true;
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
