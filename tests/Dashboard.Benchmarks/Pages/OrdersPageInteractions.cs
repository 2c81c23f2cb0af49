using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Sort, status-chip filter, next page and search on an open orders page, each timed from the user's event to the
/// result painted (<see cref="PageProbe"/>), after one unmeasured try of each. Each starts from the page's default view.
/// </summary>
internal sealed partial class OrdersPageInteractions(IPage page, CustomerFigures figures, PageBenchmarkOptions options)
{
    // Alternating columns: a click on another column sorts by it ascending, so every click changes the first row.
    private static readonly string[] SortColumns = ["Products", "Order"];

    // Two product words, so that no search repeats the one before.
    private static readonly string[] SearchTerms = ["Reserved", "SQL Server"];

    public async Task RunAsync()
    {
        await FreshViewAsync();
        await SortAsync();
        await FreshViewAsync();
        await FilterAsync();
        await FreshViewAsync();
        await NextPageAsync();
        await FreshViewAsync();
        await SearchAsync();
        Console.WriteLine($"  {figures.Customer.Label}: sort {figures.Sort.Describe()}");
        Console.WriteLine($"  {figures.Customer.Label}: filter {figures.Filter.Describe()} (chip toggles off: {figures.ChipToggles})");
        Console.WriteLine($"  {figures.Customer.Label}: next page {figures.NextPage.Describe()}");
        Console.WriteLine($"  {figures.Customer.Label}: search {figures.Search.Describe()}");
    }

    /// <summary>Click a column header's sort button; done when the first row's text changes.</summary>
    private async Task SortAsync()
    {
        for (var i = -1; i < options.Clicks; i++)
        {
            var header = page.Locator("#orders-table th button", new PageLocatorOptions { HasTextRegex = Exactly(SortColumns[(i + 2) % 2]) });
            var ms = await PageProbe.MeasureAsync(page, "click", PageProbe.FirstRow, () => header.ClickAsync());
            if (i >= 0)
            {
                CustomerFigures.Record(figures.Sort, ms);
            }
        }
    }

    /// <summary>
    /// The "Completed" chip on, then off again (by the same chip when it toggles, else by the "All" chip), every click
    /// timed; done when <c>#orders-shown</c> changes.
    /// </summary>
    private async Task FilterAsync()
    {
        var completed = page.Locator("#status-counts [data-status='Completed']");
        var all = page.Locator("#status-counts > *", new PageLocatorOptions { HasTextRegex = AllChip() }).First;
        await PageProbe.MeasureAsync(page, "click", PageProbe.Shown, () => completed.ClickAsync());
        figures.ChipToggles = await PageProbe.MeasureAsync(page, "click", PageProbe.Shown, () => completed.ClickAsync(), 3_000) is not null;
        if (figures.ChipToggles is false)
        {
            _ = await PageProbe.MeasureAsync(page, "click", PageProbe.Shown, () => all.ClickAsync())
                ?? throw new InvalidOperationException("Neither the Completed chip nor the All chip turned the status filter off.");
        }

        for (var i = 0; i < options.Clicks; i++)
        {
            var chip = i % 2 == 0 || figures.ChipToggles is true ? completed : all;
            CustomerFigures.Record(figures.Filter, await PageProbe.MeasureAsync(page, "click", PageProbe.Shown, () => chip.ClickAsync()));
        }
    }

    /// <summary>The pager's "Next page" button; done when the first row's text changes. Back to the first page (unmeasured) at the end.</summary>
    private async Task NextPageAsync()
    {
        var next = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next page", Exact = true });
        var first = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "First page", Exact = true });
        for (var i = -1; i < options.Clicks; i++)
        {
            if (!await next.IsEnabledAsync())
            {
                await PageProbe.MeasureAsync(page, "click", PageProbe.FirstRow, () => first.ClickAsync());
            }

            var ms = await PageProbe.MeasureAsync(page, "click", PageProbe.FirstRow, () => next.ClickAsync());
            if (i >= 0)
            {
                CustomerFigures.Record(figures.NextPage, ms);
            }
        }
    }

    /// <summary>
    /// A word typed into the search box at once (one input event); done when <c>#orders-shown</c> changes, so the
    /// page's debounce is included. Cleared again (unmeasured) before the next.
    /// </summary>
    private async Task SearchAsync()
    {
        var input = page.Locator("#order-search");
        for (var i = -1; i < options.Searches; i++)
        {
            var term = SearchTerms[(i + 2) % 2];
            var ms = await PageProbe.MeasureAsync(page, "input", PageProbe.Shown, () => input.FillAsync(term));
            if (i >= 0)
            {
                CustomerFigures.Record(figures.Search, ms);
            }

            await PageProbe.MeasureAsync(page, "input", PageProbe.Shown, () => input.FillAsync(""));
        }
    }

    // The page keeps its view in the URL; the plain URL is the default view (newest first, first page, no filter).
    private async Task FreshViewAsync()
    {
        await page.GotoAsync(figures.Customer.OrdersPath, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        _ = await PageProbe.FirstRowAsync(page) ?? throw new InvalidOperationException($"The orders page of {figures.Customer.Label} showed no row.");
    }

    private static Regex Exactly(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");

    [GeneratedRegex(@"^\s*All\b")]
    private static partial Regex AllChip();
}
