using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Snapshots;

/// <summary>
/// The one snapshot of each customer's orders that every circuit shares (docs/performance.md#shared-order-snapshots):
/// kept in <see cref="HybridCache"/> (this process's memory, and Redis as its second level when configured) for
/// <c>Orders:SnapshotSeconds</c>. Readers of a cold snapshot wait for one Partner Center read. A cancel puts Partner
/// Center's answer in place of the order; a job's changes and Refresh drop the snapshot, so that the next look reads
/// Partner Center again.
/// </summary>
/// <remarks>
/// A read that began before a change and ended after it would put back what the change replaced. Each change therefore
/// moves the customer's generation on, each snapshot carries the generation its read began in, and an older one is
/// dropped and read again (twice at most).
/// </remarks>
public sealed class OrderSnapshots(HybridCache cache, IOptions<OrderSnapshotOptions> options, TimeProvider time, ILogger<OrderSnapshots> logger)
{
    private const int MaxStaleReads = 2;

    // This process's memory only: a snapshot in Redis would be plain JSON that every instance trusts, and each instance's
    // updates would overwrite the others' (a second level needs a protected serializer first; issue 14).
    private const HybridCacheEntryFlags MemoryOnly = HybridCacheEntryFlags.DisableDistributedCache;

    private static readonly HybridCacheEntryOptions PeekOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData | MemoryOnly };

    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal); // every key read here, for DropAllHereAsync
    private SnapshotNotices? _notices;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _changes = new(StringComparer.Ordinal);
    private long _lastGeneration;

    /// <summary>
    /// Shares this instance's changes with the other instances through <paramref name="notices"/>, and drops a customer's
    /// snapshot here when another instance changed its orders (registration only).
    /// </summary>
    internal void ShareChangesThrough(SnapshotNotices notices)
    {
        _notices = notices;
        notices.OnChangedElsewhere(DropHereAsync, DropAllHereAsync);
    }

    private HybridCacheEntryOptions Lifetime => LifetimeOf(TimeSpan.FromSeconds(options.Value.SnapshotSeconds));

    private static HybridCacheEntryOptions LifetimeOf(TimeSpan left) =>
        new() { Expiration = left, LocalCacheExpiration = left, Flags = MemoryOnly };

    /// <summary>
    /// The customer's shared snapshot, made by <paramref name="read"/> when there is none (or a fresh one when
    /// <paramref name="refresh"/>). A read that fails is passed on and nothing is kept.
    /// </summary>
    public async Task<Outcome<OrderSnapshot>> GetAsync(
        string customerId, Func<CancellationToken, Task<Outcome<IReadOnlyList<Order>>>> read, bool refresh = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        var key = Key(customerId);
        _keys.TryAdd(key, 0);
        // A fresh read for this instance's readers changes no order: the other instances keep theirs.
        if (refresh)
        {
            await DropHereAsync(key);
        }

        for (var attempt = 0; ; attempt++)
        {
            OrderSnapshot snapshot;
            try
            {
                snapshot = await cache.GetOrCreateAsync(
                    key, new ReadState(time, customerId, read, Generation(key)), static (state, token) => state.ReadAsync(token), Lifetime,
                    cancellationToken: cancellationToken);
            }
            catch (ReadFailedException failed)
            {
                return failed.Problem;
            }

            if (snapshot.Generation < 0 || snapshot.Generation >= Generation(key) || attempt >= MaxStaleReads)
            {
                return snapshot;
            }

            await DropHereAsync(key);
        }
    }

    /// <summary>
    /// Drops the customer's snapshot (a job changed its orders, or the user asked for a fresh read). Best effort: a cache
    /// that fails is logged, never passed on to the cancel or job that changed the orders.
    /// </summary>
    public async Task InvalidateAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var key = Key(customerId);
        var gate = _changes.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await DropAsync(key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The snapshot of the orders of customer {CustomerId} could not be dropped", LogText.Clean(customerId));
        }
        finally
        {
            gate.Release();
        }

        await PublishAsync(key);
    }

    /// <summary>Drops this instance's snapshot under <paramref name="key"/>, and with it any read begun before now.</summary>
    private async Task DropAsync(string key)
    {
        NextGeneration(key);
        await cache.RemoveAsync(key, CancellationToken.None);
    }

    /// <summary>
    /// Drops this instance's snapshot under <paramref name="key"/>, after any change in progress here, telling no one:
    /// another instance changed the orders, or this one wants a fresh read of orders nobody changed.
    /// </summary>
    private async Task DropHereAsync(string key)
    {
        var gate = _changes.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await DropAsync(key);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops every snapshot of this instance, telling no one: notices of other instances' changes may have been lost.</summary>
    private async Task DropAllHereAsync()
    {
        foreach (var key in _keys.Keys)
        {
            await DropHereAsync(key);
        }
    }

    private Task PublishAsync(string key) => _notices?.PublishAsync(key) ?? Task.CompletedTask;

    /// <summary>
    /// Puts Partner Center's latest answer about one order into its customer's snapshot, if there is one, when it tells
    /// something new (a status or whether it can be cancelled): a cancel's answer, or an order read on its own.
    /// </summary>
    public async Task UpdateAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var key = Key(order.CustomerId);
        var gate = _changes.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            var current = await PeekAsync(key);
            if (current?.Find(order.Id) is { } known && known.Status == order.Status && known.StatusText == order.StatusText
                && known.Cancellability == order.Cancellability)
            {
                return;
            }

            // Only a current snapshot is patched: one older than the last change (a read that began before it) would
            // come back stamped current and undo that change. It is dropped instead, for the next look to read again.
            // The patched snapshot keeps its read's age: the other orders are no fresher for one order's news.
            var isCurrent = current is not null && current.Generation >= Generation(key);
            var generation = NextGeneration(key);
            var left = isCurrent ? TimeSpan.FromSeconds(options.Value.SnapshotSeconds) - (time.GetUtcNow() - current!.ReadAt) : TimeSpan.Zero;
            if (left > TimeSpan.Zero)
            {
                await cache.SetAsync(key, current!.With(order, time.GetUtcNow(), generation), LifetimeOf(left), cancellationToken: CancellationToken.None);
            }
            else if (current is not null)
            {
                await cache.RemoveAsync(key, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The snapshot of the orders of customer {CustomerId} could not be updated", LogText.Clean(order.CustomerId));
        }
        finally
        {
            gate.Release();
        }

        // The other instances cannot patch theirs with this answer (their snapshots may be of other reads): they drop them.
        await PublishAsync(key);
    }

    private ValueTask<OrderSnapshot> PeekAsync(string key) =>
        cache.GetOrCreateAsync<OrderSnapshot>(key, static _ => ValueTask.FromResult<OrderSnapshot>(null!), PeekOnly);

    private long Generation(string key) => _generations.TryGetValue(key, out var generation) ? generation : 0;

    private long NextGeneration(string key)
    {
        var next = Interlocked.Increment(ref _lastGeneration);
        _generations[key] = next;
        return next;
    }

    private static string Key(string customerId) =>
        "orders:" + (PartnerCenterIds.CheckCustomerId(customerId, out var canonical) is null ? canonical : customerId).ToLowerInvariant();

    private sealed record ReadState(
        TimeProvider Time, string CustomerId, Func<CancellationToken, Task<Outcome<IReadOnlyList<Order>>>> Read, long Generation)
    {
        public async ValueTask<OrderSnapshot> ReadAsync(CancellationToken cancellationToken)
        {
            var readAt = Time.GetUtcNow();
            var outcome = await Read(cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new ReadFailedException(outcome.Problem!);
            }

            var customer = PartnerCenterIds.CheckCustomerId(CustomerId, out var canonical) is null ? canonical : CustomerId;
            return new OrderSnapshot(customer, readAt, outcome.Value) { Generation = Generation };
        }
    }

    /// <summary>Carries a failed read out of the cache, which keeps nothing when its factory throws.</summary>
    private sealed class ReadFailedException(Problem problem) : Exception(problem.Message)
    {
        public Problem Problem { get; } = problem;
    }
}
