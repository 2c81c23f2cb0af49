using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What one more circuit costs the server, with a page open in it.</summary>
/// <param name="BaselineBytes">The working set before the circuits were opened.</param>
/// <param name="WithCircuitsBytes">The working set with them open.</param>
internal sealed record CircuitCost(int Circuits, long BaselineBytes, long WithCircuitsBytes)
{
    public double PerCircuitBytes => (double)(WithCircuitsBytes - BaselineBytes) / Circuits;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Circuits} circuits: working set {BaselineBytes / 1048576.0:N1} MB -> {WithCircuitsBytes / 1048576.0:N1} MB, {PerCircuitBytes / 1024:N0} KB each");
}

/// <summary>
/// The server's working set over N circuits, minus the baseline, divided by N. Each figure takes a freshly started
/// dashboard: signed in, one unmeasured visit of the page (so that code and shared caches are warm), the visit's tab
/// closed and 5 s to settle; the baseline; then N tabs of one signed-in context, each with the page open until its
/// content shows (a customer link, or an order row); 5 s to settle; the working set again. Each reading is the median
/// of three a second apart.
/// </summary>
internal static class CircuitMemory
{
    public static async Task<CircuitCost> MeasureAsync(
        Func<Task<AppProcess>> startDashboard, IBrowser browser, string path, Func<IPage, Task> ready, int circuits)
    {
        await using var dashboard = await startDashboard();
        var state = await OrdersPageDriver.SignInAsync(browser, dashboard.BaseAddress);
        var driver = new OrdersPageDriver(browser, dashboard.BaseAddress, state);
        await using var context = await driver.NewContextAsync();

        var warmUp = await context.NewPageAsync();
        await OpenAsync(warmUp, path, ready);
        await warmUp.CloseAsync();
        var baseline = await dashboard.SettledWorkingSetAsync(TimeSpan.FromSeconds(5));

        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var page = await context.NewPageAsync();
            await OpenAsync(page, path, ready);
            pages.Add(page);
        }

        var withCircuits = await dashboard.SettledWorkingSetAsync(TimeSpan.FromSeconds(5));
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        return new CircuitCost(circuits, baseline, withCircuits);
    }

    /// <summary>Ready when the customers table has a link.</summary>
    public static Task CustomersShown(IPage page) => page.Locator("#customers-table a").First.WaitForAsync();

    /// <summary>Ready when the orders table has a data row.</summary>
    public static async Task OrdersShown(IPage page) =>
        _ = await PageProbe.FirstRowAsync(page) ?? throw new InvalidOperationException($"{page.Url} showed no order row.");

    private static async Task OpenAsync(IPage page, string path, Func<IPage, Task> ready)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await ready(page);
    }
}
