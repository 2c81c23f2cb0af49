using Dashboard.Orders.Jobs;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// How many jobs are running for anyone, from any instance: one count per dashboard instance, read from the database
/// every <see cref="RefreshEvery"/> while at least one circuit shows it, and pushed to each. Every circuit shows the app
/// bar's badge, so a count per circuit would be one query every three seconds per open tab, and a timer in each.
/// At most one read runs at a time; a slow store makes ticks skip rather than pile up.
/// </summary>
internal sealed class ActiveJobsCount : IDisposable
{
    /// <summary>How often the count is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<ActiveJobsCount> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly Lock _lock = new();
    private readonly List<Subscription> _watchers = [];
    private ITimer? _timer;
    // The first read since someone began watching (running or done); null while nobody watches, so that the next
    // watcher gets a fresh count.
    private Task? _sinceWatched;
    // The read running now, if any.
    private Task? _inFlight;
    private int _current;
    // Touched only by the read in flight, one at a time.
    private bool _failing;
    private bool _disposed;

    public ActiveJobsCount(IServiceScopeFactory scopes, TimeProvider time, ILogger<ActiveJobsCount> logger)
    {
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>The last count read (0 until one was; while the store does not answer, the last it gave).</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>
    /// Starts watching. Once the subscription's <see cref="Subscription.Ready"/> completes, <see cref="Current"/> holds
    /// a count read since nobody watched, or a periodic one. <paramref name="changed"/> is called (on the timer's thread)
    /// whenever the count changes, until the subscription is disposed, which may be before it is ready.
    /// </summary>
    public Subscription Watch(Func<Task> changed)
    {
        TaskCompletionSource? start = null;
        Subscription watcher;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            watcher = new Subscription(this, changed, _sinceWatched ??= JoinOrStartRead(ref start));
            _watchers.Add(watcher);
            _timer ??= _time.CreateTimer(_ => _ = TickAsync(), null, RefreshEvery, RefreshEvery);
        }

        // Outside the lock: the read may run synchronously, and must not hold up the other circuits.
        if (start is not null)
        {
            _ = RunReadAsync(start);
        }

        return watcher;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _watchers.Clear();
            _timer?.Dispose();
            _timer = null;
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Leave(Subscription watcher)
    {
        lock (_lock)
        {
            if (_watchers.Remove(watcher) && _watchers.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
                _sinceWatched = null;
            }
        }
    }

    // Under the lock: the read in flight, or a new one that the caller starts once it has let go of the lock.
    private Task JoinOrStartRead(ref TaskCompletionSource? start)
    {
        if (_inFlight is { } running)
        {
            return running;
        }

        start = new TaskCompletionSource();
        _inFlight = start.Task;
        return _inFlight;
    }

    private async Task RunReadAsync(TaskCompletionSource done)
    {
        try
        {
            await RefreshAsync();
        }
        finally
        {
            lock (_lock)
            {
                _inFlight = null;
            }

            done.SetResult();
        }
    }

    // Never throws: it runs on the timer, and a circuit that cannot be told is no reason to stop telling the others.
    private async Task TickAsync()
    {
        try
        {
            TaskCompletionSource? start = null;
            lock (_lock)
            {
                if (_disposed || _watchers.Count == 0 || _inFlight is not null)
                {
                    return;
                }

                JoinOrStartRead(ref start);
            }

            var before = Current;
            await RunReadAsync(start!);
            if (Current == before)
            {
                return;
            }

            Subscription[] watchers;
            lock (_lock)
            {
                watchers = [.. _watchers];
            }

            await Task.WhenAll(watchers.Select(TellAsync));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The running jobs' count could not be brought up to date");
        }
    }

    private async Task TellAsync(Subscription watcher)
    {
        try
        {
            await watcher.Changed();
        }
        catch (Exception ex)
        {
            // Its circuit is gone or failing; it leaves when its component is disposed.
            _logger.LogDebug(ex, "A circuit could not be told the running jobs' count");
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            Volatile.Write(ref _current, await scope.ServiceProvider.GetRequiredService<IJobService>().CountActiveAsync(_stoppingToken));
        }
        catch (Exception) when (_stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
            return;
        }
        catch (Exception ex)
        {
            // A badge is not worth an error: the count stays as it was until the store answers (logged once per outage).
            if (!_failing)
            {
                _logger.LogWarning(ex, "The running jobs could not be counted; the badge keeps its count until the store answers");
            }

            _failing = true;
            return;
        }

        _failing = false;
    }

    /// <summary>One circuit watching the count; disposing it stops telling that circuit.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly ActiveJobsCount _count;

        internal Subscription(ActiveJobsCount count, Func<Task> changed, Task ready)
        {
            _count = count;
            Changed = changed;
            Ready = ready;
        }

        /// <summary>Completes once <see cref="Current"/> holds a count read since this began watching, or a periodic one.</summary>
        public Task Ready { get; }

        internal Func<Task> Changed { get; }

        public void Dispose() => _count.Leave(this);
    }
}
