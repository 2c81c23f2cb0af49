using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.PartnerCenter.Tests.Testing;

/// <summary>
/// A fake clock that also tells which timers were started on it. The resilience pipeline waits on the clock it is
/// given (a retry's backoff or <c>Retry-After</c>, the timeouts); a test waits until such a wait has begun before it
/// moves the clock, so that advancing never races the client.
/// </summary>
internal sealed class ObservedClock : FakeTimeProvider
{
    private readonly List<TimeSpan> _started = [];
    private int _seen;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new StartedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Started(dueTime);
        return timer;
    }

    // A timer created idle and started later (CancellationTokenSource.CancelAfter does that) starts with Change.
    private void Started(TimeSpan dueTime)
    {
        if (dueTime <= TimeSpan.Zero)
        {
            return;
        }

        lock (_started)
        {
            _started.Add(dueTime);
        }
    }

    /// <summary>
    /// Waits (in real time, a few seconds at most) for the next timer, started since the last one this returned, whose
    /// due time matches; returns that due time.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_started)
            {
                for (var i = _seen; i < _started.Count; i++)
                {
                    if (matches(_started[i]))
                    {
                        _seen = i + 1;
                        return _started[i];
                    }
                }
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("No matching timer was started; timers so far: " + Describe());
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    private sealed class StartedTimer(ITimer timer, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            clock.Started(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }

    private string Describe()
    {
        lock (_started)
        {
            return string.Join(", ", _started.Select(t => t.ToString("c", CultureInfo.InvariantCulture)));
        }
    }
}
