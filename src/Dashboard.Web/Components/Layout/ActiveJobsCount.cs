using Dashboard.Orders.Jobs;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// How many jobs are running for anyone, from any instance: one count per dashboard instance, read from the database
/// every <see cref="RefreshEvery"/> while at least one circuit shows it, and pushed to each. Every circuit shows the app
/// bar's badge, so a count per circuit would be one query every three seconds per open tab, and a timer in each.
/// </summary>
public sealed class ActiveJobsCount(IServiceScopeFactory scopes, TimeProvider time, ILogger<ActiveJobsCount> logger) : IDisposable
{
    /// <summary>How often the count is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private readonly List<Watcher> _watchers = [];
    private ITimer? _timer;
    // The read in flight or last made while someone watches; null while nobody does, so that the next watcher reads afresh.
    private Task? _read;
    private int _reading;
    private bool _failing;

    /// <summary>The last count read (0 until one was, and while the store does not answer, the last it gave).</summary>
    public int Current { get; private set; }

    /// <summary>
    /// Starts watching: once this returns, <see cref="Current"/> holds a count read since nobody watched, or the last
    /// periodic one. <paramref name="changed"/> is called (on the timer's thread) whenever the count changes, until the
    /// returned subscription is disposed.
    /// </summary>
    public async Task<IDisposable> WatchAsync(Func<Task> changed)
    {
        var watcher = new Watcher(this, changed);
        Task read;
        lock (_lock)
        {
            _watchers.Add(watcher);
            _timer ??= time.CreateTimer(_ => _ = TickAsync(), null, RefreshEvery, RefreshEvery);
            read = _read ??= RefreshAsync();
        }

        await read;
        return watcher;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _watchers.Clear();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Leave(Watcher watcher)
    {
        lock (_lock)
        {
            if (_watchers.Remove(watcher) && _watchers.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
                _read = null;
            }
        }
    }

    private async Task TickAsync()
    {
        // A slow store: the next tick does not pile a second query onto the first.
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return;
        }

        try
        {
            var before = Current;
            await RefreshAsync();
            if (Current == before)
            {
                return;
            }

            Watcher[] watchers;
            lock (_lock)
            {
                watchers = [.. _watchers];
            }

            foreach (var watcher in watchers)
            {
                await watcher.Changed();
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            Current = await scope.ServiceProvider.GetRequiredService<IJobService>().CountActiveAsync();
        }
        catch (Exception ex)
        {
            // A badge is not worth an error: the count stays as it was until the store answers (logged once per outage).
            if (!_failing)
            {
                logger.LogWarning(ex, "The running jobs could not be counted; the badge keeps its count until the store answers");
            }

            _failing = true;
            return;
        }

        _failing = false;
    }

    private sealed class Watcher(ActiveJobsCount count, Func<Task> changed) : IDisposable
    {
        public Func<Task> Changed => changed;

        public void Dispose() => count.Leave(this);
    }
}
