using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// Everything on the orders and details pages is reachable with Tab, works with Enter, and says what it does:
/// every tab stop has a role and an accessible name.
/// </summary>
public sealed class KeyboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    [Fact]
    public async Task OrdersPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        var stops = await KeyboardWalk.TabStopsAsync(page);

        stops.ShouldContain("button \"Created (UTC)\"");
        stops.ShouldContain("button \"Completed: 4\"");
        stops.ShouldContain("searchbox \"Search\"");
        stops.ShouldContain("button \"Cancel order 3b7e0d1c9a42\"");
        stops.ShouldContain("link \"11fc4bdfd47a\"");
        stops.ShouldContain(s => s.StartsWith("button \"Toggle", StringComparison.Ordinal) || s.Contains("theme", StringComparison.OrdinalIgnoreCase));
        stops.ShouldAllBe(s => KeyboardWalk.Named().IsMatch(s), string.Join("\n", stops));
    }

    [Fact]
    public async Task CustomersPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("customers");
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");

        var stops = await KeyboardWalk.TabStopsAsync(page);

        stops.ShouldContain("searchbox \"Company name starts with\"");
        stops.ShouldContain("link \"Contoso Sandbox Lab\"");
        stops.ShouldAllBe(s => KeyboardWalk.Named().IsMatch(s), string.Join("\n", stops));
    }

    [Fact]
    public async Task OrderDetailsPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders/{ReservedInstanceOrder}");
        await Expect(page.Locator("#fact-order-id")).ToHaveTextAsync(ReservedInstanceOrder);

        var stops = await KeyboardWalk.TabStopsAsync(page);

        stops.ShouldContain("button \"Cancel order\"");
        stops.ShouldAllBe(s => KeyboardWalk.Named().IsMatch(s), string.Join("\n", stops));
    }
}
