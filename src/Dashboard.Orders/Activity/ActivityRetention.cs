using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Activity;

/// <summary>
/// Removes activity records older than <c>Activity:RetentionDays</c>, once when the host has started and then daily,
/// and logs what it removed. The only code that deletes records.
/// </summary>
internal sealed class ActivityRetention(
    IDbContextFactory<DashboardDbContext> store,
    IOptions<ActivityOptions> options,
    TimeProvider time,
    ILogger<ActivityRetention> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Records removed per statement: the write lock is held briefly, so jobs writing meanwhile never wait long.</summary>
    internal const int Batch = 5000;

    /// <summary>Removes the records older than the retention; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.Retention;
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var removed = 0;
        while (true)
        {
            var oldest = db.Activity.Where(r => r.At < before).OrderBy(r => r.Id).Select(r => r.Id).Take(Batch);
            var deleted = await db.Activity.Where(r => oldest.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            removed += deleted;
            if (deleted < Batch)
            {
                break;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Activity retention removed {Count} records older than {RetentionDays} days (before {Before:o})",
                removed, options.Value.RetentionDays, before);
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Old records kept a day longer harm no one; the next pass tries again.
                logger.LogError(ex, "Activity retention could not remove old records; it tries again in a day");
            }

            try
            {
                await Task.Delay(Every, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
