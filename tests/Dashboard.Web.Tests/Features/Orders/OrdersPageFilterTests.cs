// Over 300 lines: every filter of one page and its place in the address, one specification.
using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>
/// The orders are read once and filtered in the page; the filters live in the address, so that a view can be shared and
/// survives a reload.
/// </summary>
public sealed class OrdersPageFilterTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly string OrdersAddress = $"customers/{Contoso.Id}/orders";

    private static readonly Order CancelledSoftware = Sandbox.Cancelled(Sandbox.SoftwareOrder);

    private static readonly Order[] Orders =
    [
        Sandbox.AnnualOrder,            // Completed, Annual, product kind unknown, "Microsoft 365 E3", "Power BI Pro"
        Sandbox.PerpetualSoftwareOrder, // Pending, One-time, perpetual software, "SQL Server Standard 2022", no friendly id
        CancelledSoftware,              // Cancelled, Monthly, software subscription, "Windows Server 2022 Datacenter", ...
        Sandbox.NewCommerceOrder,       // Completed, Monthly, new commerce, "Microsoft Teams Essentials"
    ];

    public OrdersPageFilterTests()
    {
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Orders);
    }

    [Fact]
    public void Render_Orders_CountsThemByStatus()
    {
        var cut = RenderPage(OrdersAddress);

        StatusCounts(cut).ShouldBe(["All statuses: 4", "Pending: 1", "Completed: 2", "Cancelled: 1"]);
    }

    [Fact]
    public void Render_Orders_NamesEachStatusCountByWhatItShows()
    {
        var cut = RenderPage(OrdersAddress);

        var counts = cut.WaitForElement("#status-counts").QuerySelectorAll("button");
        counts.Select(b => b.GetAttribute("aria-label")).ShouldBe(["All statuses: 4", "Pending: 1", "Completed: 2", "Cancelled: 1"]);
        // Speech input users say what they see (WCAG 2.5.3): the accessible name is the visible text.
        counts.ShouldAllBe(b => b.GetAttribute("aria-label") == b.VisibleText());
    }

    [Fact]
    public void Render_AddressWithAStatus_MarksThatStatusCountAsPressed()
    {
        var cut = RenderPage(OrdersAddress + "?status=Completed");

        cut.WaitForAssertion(() => cut.FindAll("#status-counts button").Select(b => b.GetAttribute("aria-pressed"))
            .ShouldBe(["false", "false", "true", "false"]));
    }

    [Fact]
    public void Render_NoFilter_MarksAllStatusesAsPressed()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.FindAll("#status-counts button").Select(b => b.GetAttribute("aria-pressed"))
            .ShouldBe(["true", "false", "false", "false"]));
    }

    [Fact]
    public void Render_NoFilter_SaysHowManyOrdersThereAre()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.Find("#orders-shown").TextContent.ShouldBe("4 orders"));
    }

    [Fact]
    public void StatusCount_Click_ShowsOnlyOrdersOfThatStatus()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForElement("#status-counts button[data-status='Completed']").Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.AnnualOrder.Id, Sandbox.NewCommerceOrder.Id], ignoreOrder: true));
        cut.Find("#orders-shown").TextContent.ShouldBe("2 of 4 orders match");
    }

    [Fact]
    public void StatusCount_Click_PutsTheStatusInTheAddress()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForElement("#status-counts button[data-status='Cancelled']").Click();

        cut.WaitForAssertion(() => CurrentQuery["status"].ShouldBe("Cancelled"));
    }

    [Fact]
    public void StatusCount_ClickAll_ClearsTheStatusFilter()
    {
        var cut = RenderPage(OrdersAddress + "?status=Cancelled");
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([CancelledSoftware.Id]));

        cut.Find("#status-counts button[aria-label='All statuses: 4']").Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(4));
        CurrentQuery.ContainsKey("status").ShouldBeFalse();
    }

    [Fact]
    public void Filter_Changed_DoesNotAskPartnerCenterAgain()
    {
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement("#status-counts button[data-status='Completed']").Click();
        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(2));

        cut.Find("#status-counts button[data-status='Pending']").Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.PerpetualSoftwareOrder.Id]));
        _ = OrderService.Received(1).ListOrdersAsync(Contoso.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void StatusFilter_ChooseAll_ClearsTheFilter()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Pending");
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.PerpetualSoftwareOrder.Id]));

        Choose(cut, "filter-status", "All");

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(Orders.Length));
        CurrentQuery.ContainsKey("status").ShouldBeFalse();
    }

    [Fact]
    public void StatusFilter_Choose_ShowsOnlyThatStatusAndPutsItInTheAddress()
    {
        var cut = RenderPage(OrdersAddress);

        Choose(cut, "filter-status", "Pending");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.PerpetualSoftwareOrder.Id]));
        CurrentQuery["status"].ShouldBe("Pending");
    }

    [Fact]
    public void BillingFilter_Choose_ShowsOnlyThatBillingCycleAndPutsItInTheAddress()
    {
        var cut = RenderPage(OrdersAddress);

        Choose(cut, "filter-billing", "Monthly");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([CancelledSoftware.Id, Sandbox.NewCommerceOrder.Id], ignoreOrder: true));
        CurrentQuery["billing"].ShouldBe("Monthly");
    }

    [Fact]
    public void ProductTypeFilter_Choose_ShowsOnlyThatKindAndPutsItInTheAddress()
    {
        var cut = RenderPage(OrdersAddress);

        Choose(cut, "filter-kind", "Perpetual software");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.PerpetualSoftwareOrder.Id]));
        CurrentQuery["type"].ShouldBe("PerpetualSoftware");
    }

    [Theory]
    [InlineData("status=Pending", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")]
    [InlineData("billing=OneTime", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")]
    [InlineData("billing=Annual", "5f1c2a9e-0d3b-4c7a-9e8f-1a2b3c4d5e6f")]
    [InlineData("type=NewCommerce", "e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f")]
    [InlineData("type=softwaresubscription", "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e")]
    [InlineData("status=Completed&billing=Monthly", "e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f")]
    public void Render_AddressWithAFilter_ShowsOnlyTheOrdersItMatches(string query, string expectedOrderId)
    {
        var cut = RenderPage($"{OrdersAddress}?{query}");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([expectedOrderId]));
    }

    [Theory]
    [InlineData("5f1c2a9e-0d3b", "5f1c2a9e-0d3b-4c7a-9e8f-1a2b3c4d5e6f")]   // part of the order id
    [InlineData("7F6A5B4C3D2E", "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e")]    // the friendly id, in any case
    [InlineData("sql server", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")]      // a product name
    [InlineData("Teams", "e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f")]
    public void Render_AddressWithQ_ShowsTheOrdersWhoseIdFriendlyIdOrProductMatches(string text, string expectedOrderId)
    {
        var cut = RenderPage($"{OrdersAddress}?q={Uri.EscapeDataString(text)}");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([expectedOrderId]));
    }

    [Fact]
    public void Render_AddressWithQ_MatchingAProductOfSeveralOrders_ShowsThemAll()
    {
        var cut = RenderPage($"{OrdersAddress}?q=Microsoft");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.AnnualOrder.Id, Sandbox.NewCommerceOrder.Id], ignoreOrder: true));
    }

    [Fact]
    public void Search_Type_FiltersAndPutsTheTextInTheAddress()
    {
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();

        cut.Find("#order-search").Input("Power BI");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.AnnualOrder.Id]));
        CurrentQuery["q"].ShouldBe("Power BI");
    }

    [Fact]
    public async Task Search_Type_FiltersOnlyOnceTheUserHasPausedForTheSearchDebounce()
    {
        var pause = TimeSpan.FromMilliseconds(300);
        GivenTheSearchBoxesPause(pause);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForOrderRows();

        cut.Find("#order-search").Input("Power BI");

        // The keystroke is handled, and the pause has begun on the clock, once the renderer has run what was queued
        // before this: the page may still be rendering its first rows, and then the keystroke waits its turn.
        await cut.InvokeAsync(() => { });
        Time.Advance(pause - TimeSpan.FromMilliseconds(1));

        ShownOrderIds(cut).Count.ShouldBe(Orders.Length);
        CurrentQuery.ContainsKey("q").ShouldBeFalse();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([Sandbox.AnnualOrder.Id]));
        CurrentQuery["q"].ShouldBe("Power BI");
    }

    [Fact]
    public void Render_AddressWithStatusAndQ_ShowsThatView()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Cancelled&q=Visual%20Studio");

        cut.WaitForAssertion(() => ShownOrderIds(cut).ShouldBe([CancelledSoftware.Id]));
        cut.Find("#orders-shown").TextContent.ShouldBe("1 of 4 orders match");
    }

    [Fact]
    public void Render_AddressWithStatusAndQ_ShowsTheFiltersInTheirControls()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Cancelled&q=Visual%20Studio");

        cut.WaitForOrderRows();
        cut.Find("#order-search").GetAttribute("value").ShouldBe("Visual Studio");
        cut.Find("#filter-status").GetAttribute("value").ShouldBe("Cancelled");
        cut.Find("#status-counts button[data-status='Cancelled']").ClassList.ShouldContain("mud-chip-color-primary");
        cut.Find("#status-counts button[aria-label='All statuses: 4']").ClassList.ShouldNotContain("mud-chip-color-primary");
    }

    [Fact]
    public void Render_AddressWithAnUnknownStatus_IgnoresIt()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Archived");

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(4));
    }

    [Fact]
    public void Render_NothingMatches_SaysSoWithAWayToClearTheFilters()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Cancelled&q=Teams");

        var none = cut.WaitForElement("#no-matching-orders");
        none.VisibleText().ShouldBe("No order matches these filters. Clear the filters");
        cut.Find("#orders-shown").TextContent.ShouldBe("0 of 4 orders match");
    }

    [Fact]
    public void ClearTheFilters_Click_ShowsEveryOrderAndEmptiesTheFiltersInTheAddress()
    {
        var cut = RenderPage($"{OrdersAddress}?status=Cancelled&billing=Annual&type=AzurePlan&q=Teams");
        var clear = cut.WaitForElement("#clear-filters");

        clear.Click();

        cut.WaitForAssertion(() => ShownOrderIds(cut).Count.ShouldBe(4));
        CurrentQuery.Keys.ShouldNotContain("status");
        CurrentQuery.Keys.ShouldNotContain("billing");
        CurrentQuery.Keys.ShouldNotContain("type");
        CurrentQuery.Keys.ShouldNotContain("q");
    }

    [Fact]
    public void Render_NothingMatches_ClearTheFiltersCanBeReachedWithTheKeyboard()
    {
        var cut = RenderPage($"{OrdersAddress}?q=nothing-like-this");

        var clear = cut.WaitForElement("#clear-filters");

        // A link without href and without tabindex is skipped by Tab: keyboard users cannot clear the filters.
        var focusable = clear.HasAttribute("href") || clear.LocalName == "button"
            || (int.TryParse(clear.GetAttribute("tabindex"), out var tabIndex) && tabIndex >= 0);
        focusable.ShouldBeTrue($"'Clear the filters' is not focusable: {clear.OuterHtml}");
    }

    [Fact]
    public void Filter_ChangedOnPageTwo_StartsAgainAtPageOne()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(120).Select((o, i) => i % 4 == 3 ? Sandbox.Cancelled(o) : o)]);
        var cut = RenderPage($"{OrdersAddress}?page=2");
        cut.WaitForAssertion(() => ShownOrderIds(cut)[0].ShouldBe("order-051"));

        cut.Find("#status-counts button[data-status='Completed']").Click();

        // 90 completed orders: the first page of them starts with the newest, order-001.
        cut.WaitForAssertion(() => ShownOrderIds(cut)[0].ShouldBe("order-001"));
        CurrentQuery.Keys.ShouldNotContain("page");
    }

    private IRenderedComponent<OrdersPage> RenderPage(string address)
    {
        GivenTheAddressIs(address);
        return Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
    }

    private static List<string> StatusCounts(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.WaitForElement("#status-counts").QuerySelectorAll("button").Select(b => b.VisibleText())];

    private static List<string> ShownOrderIds(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.FindAll("#orders-table tbody tr a[id^='order-link-']").Select(a => a.Id!["order-link-".Length..])];

    /// <summary>Picks the option of a filter's select by its text, as a person does.</summary>
    private static void Choose(IRenderedComponent<OrdersPage> cut, string selectId, string item)
    {
        var select = cut.WaitForElement($"#{selectId}");
        select.Change(select.QuerySelectorAll("option").Single(o => o.TextContent.Trim() == item).GetAttribute("value"));
    }
}
