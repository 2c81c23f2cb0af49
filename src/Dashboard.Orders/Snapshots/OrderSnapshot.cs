using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Dashboard.Orders.Snapshots;

/// <summary>
/// One read of a customer's orders, mapped and classified, shared by every circuit that shows that customer (see
/// <see cref="OrderSnapshots"/>): never changed once made. What makes filtering and sorting cheap is computed from it,
/// once per snapshot: a search index, the counts by status, and each sort order (on first use).
/// </summary>
/// <remarks>
/// Marked immutable so that <c>HybridCache</c> hands the same instance to every reader instead of a copy each
/// (docs/performance.md#shared-order-snapshots). Only the customer, the time and the orders travel to a second-level
/// cache; the rest is rebuilt from them.
/// </remarks>
[ImmutableObject(true)]
public sealed class OrderSnapshot
{
    private readonly string[] _searchIndex;
    private readonly ConcurrentDictionary<(OrderSort, bool), int[]> _sorted = new();
    private readonly Lazy<FrozenDictionary<string, int>> _byId;

    [JsonConstructor]
    public OrderSnapshot(string customerId, DateTimeOffset readAt, IReadOnlyList<Order> orders)
        : this(customerId, readAt, orders, [.. (orders ?? throw new ArgumentNullException(nameof(orders))).Select(SearchFields)])
    {
    }

    private OrderSnapshot(string customerId, DateTimeOffset readAt, IReadOnlyList<Order> orders, string[] searchIndex)
    {
        CustomerId = customerId;
        ReadAt = readAt;
        Orders = orders;
        _searchIndex = searchIndex;
        StatusCounts = [.. orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => new StatusCount(g.Key, g.Count()))];
        _byId = new(() => orders.Select((o, i) => (o.Id, i)).DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The customer, in Partner Center's form.</summary>
    public string CustomerId { get; }

    /// <summary>When the read that made this snapshot began: what it shows is at least this fresh.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The orders, in Partner Center's order.</summary>
    public IReadOnlyList<Order> Orders { get; }

    /// <summary>How many orders there are of each status that occurs, in the order of <see cref="OrderStatus"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<StatusCount> StatusCounts { get; }

    [JsonIgnore]
    public int Count => Orders.Count;

    /// <summary>Which local change this snapshot is current for (see <see cref="OrderSnapshots"/>); -1 when it came from elsewhere.</summary>
    [JsonIgnore]
    internal long Generation { get; init; } = -1;

    /// <summary>The order with this id, if the snapshot holds it.</summary>
    public Order? Find(string orderId) => _byId.Value.TryGetValue(orderId, out var index) ? Orders[index] : null;

    /// <summary>The orders that pass <paramref name="filter"/>, sorted by <paramref name="sort"/>, ties newest first, then by id.</summary>
    public IReadOnlyList<Order> Select(OrderFilter filter, OrderSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var text = filter.SearchText;
        var order = _sorted.GetOrAdd((sort, descending), key => SortedIndexes(key.Item1, key.Item2));
        var matching = new List<Order>(filter == OrderFilter.None ? order.Length : 64);
        foreach (var index in order)
        {
            var candidate = Orders[index];
            if (filter.MatchesFields(candidate) && (text is null || _searchIndex[index].Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                matching.Add(candidate);
            }
        }

        return matching;
    }

    /// <summary>A snapshot like this one with <paramref name="changed"/> in place of the order with its id (or added).</summary>
    internal OrderSnapshot With(Order changed, DateTimeOffset readAt, long generation)
    {
        var orders = Orders.ToList();
        var searchIndex = _searchIndex.ToList();
        if (_byId.Value.TryGetValue(changed.Id, out var index))
        {
            orders[index] = changed;
            searchIndex[index] = SearchFields(changed);
        }
        else
        {
            orders.Add(changed);
            searchIndex.Add(SearchFields(changed));
        }

        // The rest of the orders are as old as this snapshot's read.
        return new OrderSnapshot(CustomerId, readAt < ReadAt ? readAt : ReadAt, orders, [.. searchIndex]) { Generation = generation };
    }

    // The searchable fields joined by a control character, which a search text never contains, so that no match spans two.
    private static string SearchFields(Order order) =>
        string.Join('\u001f', new[] { order.Id, order.AlternateId ?? "" }
            .Concat(order.LineItems.SelectMany(l => new[] { l.ProductName, l.OfferId })));

    private int[] SortedIndexes(OrderSort sort, bool descending)
    {
        var indexes = Enumerable.Range(0, Orders.Count).ToArray();
        Comparison<int> byKey = sort switch
        {
            OrderSort.AlternateId => (a, b) => StringComparer.OrdinalIgnoreCase.Compare(Orders[a].AlternateId ?? Orders[a].Id, Orders[b].AlternateId ?? Orders[b].Id),
            OrderSort.Status => (a, b) => Orders[a].Status.CompareTo(Orders[b].Status),
            OrderSort.Billing => (a, b) => Orders[a].BillingCycle.CompareTo(Orders[b].BillingCycle),
            OrderSort.Currency => (a, b) => StringComparer.OrdinalIgnoreCase.Compare(Orders[a].CurrencyCode, Orders[b].CurrencyCode),
            OrderSort.Products => (a, b) => StringComparer.InvariantCultureIgnoreCase.Compare(FirstProduct(Orders[a]), FirstProduct(Orders[b])),
            OrderSort.Lines => (a, b) => Orders[a].LineItems.Count.CompareTo(Orders[b].LineItems.Count),
            OrderSort.Cancellable => (a, b) => Orders[a].Cancellability.Block.CompareTo(Orders[b].Cancellability.Block),
            _ => (a, b) => Nullable.Compare(Orders[a].CreatedAt, Orders[b].CreatedAt),
        };

        // Ties: newest first, then by id, whichever way the column goes, so that paging never shows an order twice.
        Array.Sort(indexes, (a, b) =>
        {
            var byColumn = descending ? byKey(b, a) : byKey(a, b);
            if (byColumn != 0)
            {
                return byColumn;
            }

            var newest = Nullable.Compare(Orders[b].CreatedAt, Orders[a].CreatedAt);
            var byId = newest != 0 ? newest : string.CompareOrdinal(Orders[a].Id, Orders[b].Id);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        return indexes;
    }

    private static string FirstProduct(Order order) => order.LineItems.Count > 0 ? order.LineItems[0].ProductName : "";
}

/// <summary>How many of a customer's orders have <paramref name="Status"/>.</summary>
public sealed record StatusCount(OrderStatus Status, int Count);
