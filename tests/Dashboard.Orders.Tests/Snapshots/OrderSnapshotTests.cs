using Dashboard.Orders.Snapshots;

namespace Dashboard.Orders.Tests.Snapshots;

/// <summary>Filtering, sorting and paging a snapshot: what the orders page shows of 10,000 orders, page by page.</summary>
public sealed class OrderSnapshotTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    // 10,000 orders with many ties: 4 statuses, 3 products, one creation time per 7 orders.
    private static readonly OrderSnapshot TenThousand = new("c1", Start, [.. Enumerable.Range(0, 10_000).Select(OrderNumber)]);

    public static TheoryData<OrderSort, bool> EverySort() =>
        new(Enum.GetValues<OrderSort>().SelectMany(sort => new[] { (sort, false), (sort, true) }));

    [Theory]
    [MemberData(nameof(EverySort))]
    public void Select_PagedThroughAFilteredSort_ShowsEveryMatchingOrderOnce(OrderSort sort, bool descending)
    {
        var filter = new OrderFilter(Status: OrderStatus.Completed, Text: "reserved");
        var expected = TenThousand.Orders.Where(o => o.Status == OrderStatus.Completed && o.LineItems[0].ProductName.Contains("Reserved", StringComparison.Ordinal))
            .Select(o => o.Id).ToHashSet();

        // The same orders read again in another order: a new snapshot, as after a refresh. Pages alternate between the
        // two, so that only a total order (ties broken the same way whatever the input order) shows each order once.
        var reread = new OrderSnapshot("c1", Start, [.. TenThousand.Orders.OrderBy(o => o.Id.GetHashCode(StringComparison.Ordinal))]);
        var shown = new List<string>();
        for (var page = 0; ; page++)
        {
            var rows = (page % 2 == 0 ? TenThousand : reread).Select(filter, sort, descending).Skip(page * 50).Take(50).ToList();
            if (rows.Count == 0)
            {
                break;
            }

            shown.AddRange(rows.Select(o => o.Id));
        }

        expected.Count.ShouldBeGreaterThan(500);
        shown.Count.ShouldBe(expected.Count);
        shown.ToHashSet().SetEquals(expected).ShouldBeTrue();
    }

    [Fact]
    public void Select_ByStatus_OrdersTiesNewestFirstThenById()
    {
        var rows = TenThousand.Select(OrderFilter.None, OrderSort.Status, descending: false);

        rows.Select(o => o.Status).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var group in rows.GroupBy(o => o.Status))
        {
            group.Select(o => (o.CreatedAt, o.Id)).ShouldBe(group.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal).Select(o => (o.CreatedAt, o.Id)));
        }
    }

    [Fact]
    public void Select_DescendingByStatus_StillOrdersTiesNewestFirst()
    {
        var rows = TenThousand.Select(OrderFilter.None, OrderSort.Status, descending: true);

        rows.Select(o => o.Status).ShouldBeInOrder(SortDirection.Descending);
        rows.Where(o => o.Status == OrderStatus.Pending).Select(o => o.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Select_NoSortChosen_IsNewestFirst()
    {
        TenThousand.Select(OrderFilter.None, OrderSort.Created, descending: true).Select(o => o.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Theory]
    [InlineData("ORDER-0000042", 1)]        // an order id, in any case
    [InlineData("a0000042", 1)]             // a friendly id
    [InlineData("software plan", 3333)]     // a product name
    [InlineData("offer-2:sku", 3333)]       // an offer id
    [InlineData("reserved\u001foffer", 0)]  // never across two fields, even with the separator typed
    public void Select_Search_MatchesIdsProductsAndOffers(string text, int count) =>
        TenThousand.Select(new OrderFilter(Text: text), OrderSort.Created, descending: true).Count.ShouldBe(count);

    [Fact]
    public void Select_SearchWithSpacesAround_IsTrimmed() =>
        TenThousand.Select(new OrderFilter(Text: "  a0000042 "), OrderSort.Created, true).ShouldHaveSingleItem().Id.ShouldBe("order-0000042");

    [Fact]
    public void StatusCounts_CountEachStatusThatOccurs() =>
        TenThousand.StatusCounts.ShouldBe([
            new StatusCount(OrderStatus.Unknown, 2500), new StatusCount(OrderStatus.Pending, 2500),
            new StatusCount(OrderStatus.Completed, 2500), new StatusCount(OrderStatus.Cancelled, 2500)]);

    [Fact]
    public void Find_ById_InAnyCase() => TenThousand.Find("ORDER-0000007")!.AlternateId.ShouldBe("a0000007");

    [Fact]
    public void With_AChangedOrder_ReplacesItAndLeavesTheOriginalAlone()
    {
        var cancelled = TenThousand.Find("order-0000002")! with { Status = OrderStatus.Cancelled };

        var changed = TenThousand.With(cancelled, Start.AddMinutes(1), generation: 5);

        changed.Find("order-0000002")!.Status.ShouldBe(OrderStatus.Cancelled);
        changed.Count.ShouldBe(10_000);
        changed.ReadAt.ShouldBe(Start);
        TenThousand.Find("order-0000002")!.Status.ShouldBe(OrderStatus.Completed);
        changed.StatusCounts.Single(c => c.Status == OrderStatus.Cancelled).Count.ShouldBe(2501);
    }

    private static Order OrderNumber(int i) => new()
    {
        Id = $"order-{i:D7}",
        AlternateId = $"a{i:D7}",
        CustomerId = "c1",
        Status = (OrderStatus)(i % 4),
        BillingCycle = (BillingCycle)(i % 3),
        CurrencyCode = i % 2 == 0 ? "EUR" : "USD",
        CreatedAt = Start.AddMinutes(i / 7),
        LineItems = [new OrderLineItem
        {
            Number = 0,
            ProductName = (i % 3) switch { 0 => "Reserved VM Instance", 1 => "Software plan", _ => "SaaS seat" },
            OfferId = $"offer-{i % 3}:sku:1",
        }],
    };
}
