namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Waits for a pause before acting, such as the end of typing in a search box, on the injected clock (so that tests
/// drive it with a fake one rather than wait). Each call supersedes the one before: only the last call of a burst goes
/// on.
/// </summary>
internal sealed class Debouncer(TimeProvider time, TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? _pending;

    /// <summary>True once the pause has passed with no newer call; false when a newer call (or disposal) took over.</summary>
    public async Task<bool> PausedAsync()
    {
        var mine = new CancellationTokenSource();
        var previous = Interlocked.Exchange(ref _pending, mine);
        previous?.Cancel();
        previous?.Dispose();
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, time, mine.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        var pending = Interlocked.Exchange(ref _pending, null);
        pending?.Cancel();
        pending?.Dispose();
    }
}
