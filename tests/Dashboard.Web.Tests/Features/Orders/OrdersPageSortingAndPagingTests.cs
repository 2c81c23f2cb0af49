using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>Sorting and paging happen in the page, on the orders read once; both are kept in the address.</summary>
public sealed class OrdersPageSortingAndPagingTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly string OrdersAddress = $"customers/{Contoso.Id}/orders";

    public OrdersPageSortingAndPagingTests()
    {
        RenderMudProviders();
        GivenCustomer(Contoso);
    }

    [Fact]
    public void Render_NoSortInTheAddress_ShowsTheNewestFirst()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(5).Reverse()]);

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-001", "order-002", "order-003", "order-004", "order-005"]));
    }

    [Fact]
    public void SortLabel_ClickProducts_SortsByTheFirstProductName()
    {
        GivenFourKindsOfOrder();
        var cut = RenderPage(OrdersAddress);

        SortLabel(cut, "Products").Click();

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Select(r => r.Cell("Products").Split(", ")[0]).ShouldBe(
            ["Microsoft 365 E3", "Microsoft Teams Essentials", "SQL Server Standard 2022", "Windows Server 2022 Datacenter"]));
    }

    [Fact]
    public void SortLabel_ClickProducts_PutsTheSortInTheAddress()
    {
        GivenFourKindsOfOrder();
        var cut = RenderPage(OrdersAddress);

        SortLabel(cut, "Products").Click();

        cut.WaitForAssertion(() => CurrentQuery["sort"].ShouldBe("products"));
        CurrentQuery.Keys.ShouldNotContain("desc");
    }

    [Fact]
    public void SortLabel_ClickProductsTwice_SortsDescendingAndSaysSoInTheAddress()
    {
        GivenFourKindsOfOrder();
        var cut = RenderPage(OrdersAddress);
        SortLabel(cut, "Products").Click();
        cut.WaitForAssertion(() => CurrentQuery["sort"].ShouldBe("products"));

        SortLabel(cut, "Products").Click();

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Select(r => r.Cell("Products").Split(", ")[0]).ShouldBe(
            ["Windows Server 2022 Datacenter", "SQL Server Standard 2022", "Microsoft Teams Essentials", "Microsoft 365 E3"]));
        bool.Parse(CurrentQuery["desc"]).ShouldBeTrue();
    }

    [Fact]
    public void Render_AddressWithSortAndDesc_ShowsThatOrder()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(4));

        var cut = RenderPage($"{OrdersAddress}?sort=alternateId&desc=true");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-004", "order-003", "order-002", "order-001"]));
    }

    [Fact]
    public void Render_AddressWithSortByStatus_ShowsThemInStatusOrder()
    {
        GivenFourKindsOfOrder();

        var cut = RenderPage($"{OrdersAddress}?sort=status");

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Select(r => r.Cell("Status"))
            .ShouldBe(["Pending", "Completed", "Completed", "Cancelled"]));
    }

    /// <summary>Whatever the clicks did, opening the address they left must show the same rows in the same order.</summary>
    [Theory]
    [InlineData("Created (UTC)", 1)]
    [InlineData("Created (UTC)", 2)]
    [InlineData("Order", 1)]
    [InlineData("Order", 2)]
    [InlineData("Order", 3)]
    public void SortLabel_Clicked_LeavesAnAddressThatShowsTheSameOrder(string label, int clicks)
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(5).Reverse()]);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();
        for (var click = 0; click < clicks; click++)
        {
            SortLabel(cut, label).Click();
        }

        var shown = ShownOrderIds(cut);

        var reopened = Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
        reopened.WaitForAssertion(() => ShownOrderIds(reopened).ShouldBe(shown, $"the address {CurrentAddress} shows another order"));
    }

    [Fact]
    public void Render_120Orders_Shows50PerPage()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(120));

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(1, 50).Select(i => $"order-{i:000}")]));
        cut.Find("#orders-shown").TextContent.ShouldBe("120 orders");
    }

    [Fact]
    public void Render_AddressWithPage2_ShowsTheNext50()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(120));

        var cut = RenderPage($"{OrdersAddress}?page=2");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(51, 50).Select(i => $"order-{i:000}")]));
    }

    [Fact]
    public void Render_AddressWithTheLastPage_ShowsTheRest()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(120));

        var cut = RenderPage($"{OrdersAddress}?page=3");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(101, 20).Select(i => $"order-{i:000}")]));
    }

    [Fact]
    public void NextPage_Click_ShowsTheRestAndPutsThePageInTheAddress()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));
        var cut = RenderPage(OrdersAddress);
        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(50));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(51, 20).Select(i => $"order-{i:000}")]));
        CurrentQuery["page"].ShouldBe("2");
    }

    [Fact]
    public void PreviousPage_Click_GoesBackAndTakesThePageOutOfTheAddress()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));
        var cut = RenderPage($"{OrdersAddress}?page=2");
        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(20));

        cut.Find("button[aria-label='Previous page']").Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(50));
        CurrentQuery.Keys.ShouldNotContain("page");
    }

    [Fact]
    public void Render_AddressWithAPageBeyondTheEnd_ShowsTheFirstPageAndTakesThePageOutOfTheAddress()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));

        var cut = RenderPage($"{OrdersAddress}?page=9");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(1, 50).Select(i => $"order-{i:000}")]));
        CurrentQuery.Keys.ShouldNotContain("page");
    }

    [Fact]
    public void Render_AddressWithSize25_Shows25PerPage()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));

        var cut = RenderPage($"{OrdersAddress}?size=25");

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(25));
    }

    [Fact]
    public void Render_AddressWithASizeNotOffered_Shows50PerPage()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));

        var cut = RenderPage($"{OrdersAddress}?size=7");

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(50));
    }

    [Fact]
    public void RowsPerPage_Choose25_Shows25FromTheFirstPageAndPutsTheSizeInTheAddress()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));
        var cut = RenderPage($"{OrdersAddress}?page=2");
        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(20));

        cut.Find("#orders-page-size").Change("25");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(1, 25).Select(i => $"order-{i:000}")]));
        CurrentQuery["size"].ShouldBe("25");
        CurrentQuery.Keys.ShouldNotContain("page");
        cut.Find(".mud-table-page-number-information").TextContent.ShouldBe("1-25 of 70");
    }

    [Fact]
    public void Pager_OnTheLastPage_OffersOnlyTheWayBack()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(70));

        var cut = RenderPage($"{OrdersAddress}?page=2");

        cut.WaitForAssertion(() => cut.Find(".mud-table-page-number-information").TextContent.ShouldBe("51-70 of 70"));
        cut.Find("button[aria-label='Next page']").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("button[aria-label='Last page']").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("button[aria-label='Previous page']").HasAttribute("disabled").ShouldBeFalse();
        cut.Find("button[aria-label='First page']").HasAttribute("disabled").ShouldBeFalse();
    }

    /// <summary>Where the table stacks into cards (a phone), the headers are hidden; the sort select stands in for them.</summary>
    [Fact]
    public void SortSelect_ChooseProducts_SortsByTheFirstProductName()
    {
        GivenFourKindsOfOrder();
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();

        cut.Find("#orders-sort-select").Change("products");

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Select(r => r.Cell("Products").Split(", ")[0]).ShouldBe(
            ["Microsoft 365 E3", "Microsoft Teams Essentials", "SQL Server Standard 2022", "Windows Server 2022 Datacenter"]));
        CurrentQuery["sort"].ShouldBe("products");
    }

    [Fact]
    public void SortLabel_ClickedThreeTimes_AscendingDescendingThenBackToNewestFirst()
    {
        // Newest first is order-002, order-001, order-003: neither ascending nor descending by order number.
        var orders = Sandbox.ManyOrders(3);
        orders[1] = orders[1] with { CreatedAt = orders[0].CreatedAt!.Value.AddHours(1) };
        GivenOrders(Contoso.Id, orders);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-002", "order-001", "order-003"]));

        SortLabel(cut, "Order").Click();
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-001", "order-002", "order-003"]));
        cut.Find("th[aria-sort]").TextContent.Trim().ShouldBe("Order");
        cut.Find("th[aria-sort] .mud-table-sort-label-icon").ClassList.ShouldContain("mud-direction-asc");

        SortLabel(cut, "Order").Click();
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-003", "order-002", "order-001"]));
        cut.Find("th[aria-sort]").GetAttribute("aria-sort").ShouldBe("descending");

        SortLabel(cut, "Order").Click();
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe(["order-002", "order-001", "order-003"]));
        CurrentQuery.Keys.ShouldNotContain("sort");
        cut.Find("th[aria-sort]").TextContent.Trim().ShouldBe("Created (UTC)");
    }

    [Fact]
    public void Render_AddressWithSize25_ShowsThatSizeInTheRowsPerPageSelect()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(30));

        var cut = RenderPage($"{OrdersAddress}?size=25&sort=products");

        cut.WaitForAssertion(() => cut.Find("#orders-page-size").GetAttribute("value").ShouldBe("25"));
        cut.Find("#orders-sort-select").GetAttribute("value").ShouldBe("products");
    }

    [Fact]
    public void Rows_CarryOnlyWhatDiffersFromRowToRow()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(3));
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();

        var rows = cut.FindAll("#orders-table tbody tr");
        rows.Count.ShouldBe(3);
        foreach (var row in rows)
        {
            // No class, label or style per cell: the page's one style element gives them (by column).
            row.Attributes.ShouldBeEmpty();
            row.Children.SelectMany(td => td.Attributes).ShouldBeEmpty();
            // No whitespace between the cells.
            row.ChildNodes.ShouldAllBe(node => node is AngleSharp.Dom.IElement);
            // The cancel icon is drawn by CSS, not sent with each row.
            row.QuerySelector("button")!.ChildNodes.ShouldBeEmpty();
            row.QuerySelectorAll("a, button").SelectMany(e => e.Attributes).Select(a => a.Name).ShouldNotContain("class");
        }

        // An operator's table starts with the selection column.
        var style = cut.Find("#orders-table style").TextContent;
        style.ShouldContain("td:nth-child(1)::before{content:\"Select\"}");
        style.ShouldContain("td:nth-child(3)::before{content:\"Created (UTC)\"}");
        style.ShouldContain("td:nth-child(8){text-align:right}");
    }

    [Fact]
    public void Rows_OfAReader_LabelTheirCardLinesFromTheFirstColumn()
    {
        SignInAsReader();
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(3));
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();

        // No selection column and no actions column: the first cell is the order.
        cut.FindAll("#orders-table tbody tr")[0].Children.Length.ShouldBe(8);
        var style = cut.Find("#orders-table style").TextContent;
        style.ShouldContain("td:nth-child(1)::before{content:\"Order\"}");
        style.ShouldContain("td:nth-child(8)::before{content:\"Cancellable\"}");
        style.ShouldNotContain("Select");
    }

    [Fact]
    public void Render_NoOrderMatches_TheRowSayingSoIsNotStyledAsAnOrderRow()
    {
        GivenOrders(Contoso.Id, Sandbox.ManyOrders(3));
        var cut = RenderPage($"{OrdersAddress}?q=nothing-matches-this");

        var none = cut.WaitForElement("#no-matching-orders");

        none.Closest("tbody")!.ClassList.ShouldNotContain("light-rows");
        cut.FindAll("#orders-table .light-rows").ShouldBeEmpty();
    }

    [Fact]
    public void Render_AddressWithAFilterAndPage2_PagesTheMatchingOrders()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(120).Select((o, i) => i % 2 == 1 ? Sandbox.Cancelled(o) : o)]);

        var cut = RenderPage($"{OrdersAddress}?status=Cancelled&page=2");

        // 60 cancelled orders (the even-numbered ones): page 2 holds the last 10 of them.
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([.. Enumerable.Range(51, 10).Select(i => $"order-{i * 2:000}")]));
        cut.Find("#orders-shown").TextContent.ShouldBe("60 of 120 orders match");
    }

    private void GivenFourKindsOfOrder() =>
        GivenOrders(Contoso.Id, Sandbox.AnnualOrder, Sandbox.PerpetualSoftwareOrder, Sandbox.Cancelled(Sandbox.SoftwareOrder), Sandbox.NewCommerceOrder);

    private IRenderedComponent<OrdersPage> RenderPage(string address)
    {
        GivenTheAddressIs(address);
        return Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
    }

    private static AngleSharp.Dom.IElement SortLabel(IRenderedComponent<OrdersPage> cut, string header) =>
        cut.WaitForElement("#orders-table").QuerySelectorAll("thead .mud-table-sort-label button.sort-button").Single(l => l.TextContent.Trim() == header);

    private static List<string> ShownOrderIds(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.FindAll("#orders-table tbody tr a[id^='order-link-']").Select(a => a.Id!["order-link-".Length..])];
}
