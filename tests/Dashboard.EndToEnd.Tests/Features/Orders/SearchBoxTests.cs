using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// The orders page's search box in a real browser: what the user types stays as typed while the page searches, a search
/// cleared elsewhere empties the box, and its clear button empties it and keeps the focus in it.
/// </summary>
public sealed class SearchBoxTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";

    [Fact]
    public async Task Type_TheSearchRuns_TheBoxKeepsWhatWasTypedAndClearFiltersEmptiesIt()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        var search = page.Locator("#order-search");

        // Typed key by key, with a trailing space: the page searches for the trimmed text and puts it in the address.
        await search.PressSequentiallyAsync("no such order ");
        await Expect(page.Locator("#no-matching-orders")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=no(%20|\\+)such(%20|\\+)order$"));
        await Expect(search).ToHaveValueAsync("no such order ");

        await page.Locator("#clear-filters").ClickAsync();

        await Expect(search).ToHaveValueAsync("");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
    }

    [Fact]
    public async Task ClearButton_Click_EmptiesTheBoxShowsEveryOrderAndKeepsTheFocusInTheBox()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        var search = page.Locator("#order-search");
        await search.FillAsync("no such order");
        await Expect(page.Locator("#no-matching-orders")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear the search" }).ClickAsync();

        await Expect(search).ToHaveValueAsync("");
        await Expect(search).ToBeFocusedAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clear the search" })).ToHaveCountAsync(0);
    }
}
