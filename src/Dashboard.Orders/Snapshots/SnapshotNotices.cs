using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Dashboard.Orders.Snapshots;

/// <summary>
/// Tells the other instances of the dashboard when a customer's orders changed here (a cancel, a job's changes), and
/// drops this instance's snapshot of a customer when another instance says its orders changed: one Redis channel per
/// partner tenant that every instance acting for it publishes to and listens on. Redis pub/sub delivers at most once,
/// so what the connection's failures lose is made good when it comes back: a notice this instance could not publish is
/// published then, and as notices published by others meanwhile never reach it, it drops every snapshot it has.
/// </summary>
internal sealed class SnapshotNotices(Func<IConnectionMultiplexer> redis, string tenant, ILogger<SnapshotNotices> logger) : IHostedService
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"sandbox-order-desk:order-snapshots:{tenant}");

    private readonly string _instance = $"{DashboardInstance.Name}/{Guid.NewGuid():N}";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unsent = new(StringComparer.Ordinal);
    private Func<string, Task>? _changedElsewhere;
    private Func<Task>? _mayHaveMissed;
    private IConnectionMultiplexer? _connection;

    /// <summary>
    /// What to do when another instance changed a customer's orders (the snapshots' own drop), and when notices may have
    /// been missed (drop them all).
    /// </summary>
    public void OnChangedElsewhere(Func<string, Task> drop, Func<Task> dropAll)
    {
        _changedElsewhere = drop;
        _mayHaveMissed = dropAll;
    }

    /// <summary>
    /// Says that the orders under <paramref name="key"/> changed here. Best effort: a notice that fails is published again
    /// with the next one that does not, or when the connection is back.
    /// </summary>
    public async Task PublishAsync(string key)
    {
        if (await TryPublishAsync(key))
        {
            await PublishUnsentAsync();
        }
    }

    private async Task<bool> TryPublishAsync(string key)
    {
        try
        {
            await redis().GetSubscriber().PublishAsync(_channel, $"{_instance}|{key}");
            _unsent.TryRemove(key, out _);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _unsent.TryAdd(key, 0);
            logger.LogWarning(ex, "Other instances could not be told that the orders of {SnapshotKey} changed; they are told when Redis answers again", key);
            return false;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = redis();
        _connection.ConnectionRestored += OnRestored;
        try
        {
            // Registered even when Redis does not answer now: the connection subscribes again by itself once it can.
            await _connection.GetSubscriber().SubscribeAsync(_channel, OnMessage);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Not listening for other instances' order changes yet: Redis does not answer");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            _connection.ConnectionRestored -= OnRestored;
        }

        return Task.CompletedTask;
    }

    // Redis's callback, once per kind of connection: the subscription's carries the notices, the other one publishes.
    // (With RESP3, which the dashboard does not configure, one connection does both, and only the second branch runs.)
    private void OnRestored(object? sender, ConnectionFailedEventArgs restored) =>
        _ = restored.ConnectionType == ConnectionType.Subscription ? CatchUpAsync() : PublishUnsentAsync();

    private async Task CatchUpAsync()
    {
        if (_mayHaveMissed is not { } dropAll)
        {
            return;
        }

        try
        {
            // After a round trip on the subscription, it listens again: no notice falls between the drop and that.
            await redis().GetSubscriber().PingAsync();
            await dropAll();
            logger.LogInformation("Redis is back: the order snapshots of this instance were dropped, as changes made elsewhere meanwhile were not heard");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Redis is back, but this instance's order snapshots could not be dropped; they expire on their own");
        }
    }

    private async Task PublishUnsentAsync()
    {
        foreach (var key in _unsent.Keys)
        {
            if (!await TryPublishAsync(key))
            {
                return;
            }
        }
    }

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
