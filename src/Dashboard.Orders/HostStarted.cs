using Microsoft.Extensions.Hosting;

namespace Dashboard.Orders;

/// <summary>
/// Background work that has no reason to run while the host is still starting: it would only compete with the start
/// (on a two-core machine, for the processor) for the first page. It waits for the host to report itself started, by
/// which time the store is migrated.
/// </summary>
internal static class HostStarted
{
    /// <summary>
    /// True when the host has started (at once without a host: <paramref name="lifetime"/> null); false when
    /// <paramref name="stoppingToken"/> stops the wait first.
    /// </summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime? lifetime, CancellationToken stoppingToken)
    {
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return true;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var whenStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
