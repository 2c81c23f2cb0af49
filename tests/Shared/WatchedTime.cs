using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Testing;

/// <summary>
/// A fake clock that also tells which waits were started on it, so that a test moves time only once a wait exists
/// (moving it earlier would leave the wait to start from the new time). Linked into each test project that needs one.
/// </summary>
internal sealed class WatchedTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The due time of every timer created so far, in creation order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time) until a timer of exactly <paramref name="dueTime"/> has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!_waits.Contains(dueTime))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }
}
