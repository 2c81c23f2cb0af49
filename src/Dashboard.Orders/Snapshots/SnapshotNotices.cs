using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Dashboard.Orders.Snapshots;

/// <summary>
/// Tells the other instances of the dashboard when a customer's orders changed here (a cancel, a job's changes, a
/// Refresh), and drops this instance's snapshot of a customer when another instance says its orders changed: one
/// Redis channel per partner tenant that every instance acting for it publishes to and listens on. Delivery is Redis
/// pub/sub's, at most once, and a notice published while this instance's connection was down is lost: so when the
/// connection comes back, this instance drops every snapshot it has, since it cannot know which ones it missed.
/// </summary>
internal sealed class SnapshotNotices(Func<IConnectionMultiplexer> redis, string tenant, ILogger<SnapshotNotices> logger) : IHostedService
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"sandbox-order-desk:order-snapshots:{tenant}");

    private readonly string _instance = $"{DashboardInstance.Name}/{Guid.NewGuid():N}";
    private Func<string, Task>? _changedElsewhere;
    private Func<Task>? _mayHaveMissed;
    private int _subscribed;

    /// <summary>
    /// What to do when another instance changed a customer's orders (the snapshots' own drop), and when notices may have
    /// been missed (drop them all).
    /// </summary>
    public void OnChangedElsewhere(Func<string, Task> drop, Func<Task> dropAll)
    {
        _changedElsewhere = drop;
        _mayHaveMissed = dropAll;
    }

    /// <summary>Says that the orders under <paramref name="key"/> changed here. Best effort: a failure is logged.</summary>
    public async Task PublishAsync(string key)
    {
        try
        {
            await redis().GetSubscriber().PublishAsync(_channel, $"{_instance}|{key}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Other instances could not be told that the orders of {SnapshotKey} changed; their snapshots expire on their own", key);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = redis();
        connection.ConnectionRestored += OnRestored;
        await SubscribeAsync(connection);
    }

    private async Task SubscribeAsync(IConnectionMultiplexer connection)
    {
        try
        {
            await connection.GetSubscriber().SubscribeAsync(_channel, OnMessage);
            Interlocked.Exchange(ref _subscribed, 1);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The connection keeps trying in the background; once it is back, OnRestored subscribes again.
            logger.LogWarning(ex, "Not listening for other instances' order changes yet: Redis does not answer");
        }
    }

    // Redis's callback: what was announced while the connection was down never reaches this instance.
    private void OnRestored(object? sender, ConnectionFailedEventArgs restored) => _ = CatchUpAsync((IConnectionMultiplexer)sender!);

    private async Task CatchUpAsync(IConnectionMultiplexer connection)
    {
        if (Volatile.Read(ref _subscribed) == 0)
        {
            await SubscribeAsync(connection);
        }

        if (_mayHaveMissed is not { } dropAll)
        {
            return;
        }

        try
        {
            await dropAll();
            logger.LogInformation("Redis is back: the order snapshots of this instance were dropped, as changes made elsewhere meanwhile were not heard");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Redis is back, but this instance's order snapshots could not be dropped; they expire on their own");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Redis's callback: the drop runs on, and reports its own failures.
    private void OnMessage(RedisChannel channel, RedisValue message) => _ = HeardAsync(message.ToString());

    private async Task HeardAsync(string message)
    {
        var separator = message.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || message[..separator] == _instance || _changedElsewhere is not { } drop)
        {
            return;
        }

        try
        {
            await drop(message[(separator + 1)..]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The snapshot of {SnapshotKey}, changed by another instance, could not be dropped here", LogText.Clean(message[(separator + 1)..]));
        }
    }
}
