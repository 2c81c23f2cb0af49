using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What one more circuit costs the server, with a page open in it, measured two ways.</summary>
/// <param name="BaselineBytes">The working set before the first N circuits, after one visit of the page.</param>
/// <param name="WithCircuitsBytes">The working set with the first N circuits open, without a collection.</param>
/// <param name="CollectedBaselineBytes">After those N circuits were closed: the working set after a full collection.</param>
/// <param name="CollectedWithCircuitsBytes">With N circuits open again: the working set after a full collection.</param>
internal sealed record CircuitCost(int Circuits, long BaselineBytes, long WithCircuitsBytes, long CollectedBaselineBytes, long CollectedWithCircuitsBytes)
{
    /// <summary>First circuits, no collection: includes the garbage their start left and the code they made the JIT compile.</summary>
    public double FirstPerCircuitBytes => (double)(WithCircuitsBytes - BaselineBytes) / Circuits;

    /// <summary>Steady state: what N more circuits keep after a full collection, on a process that has run N before.</summary>
    public double PerCircuitBytes => (double)(CollectedWithCircuitsBytes - CollectedBaselineBytes) / Circuits;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Circuits} circuits: first, no collection {Mb(BaselineBytes)} -> {Mb(WithCircuitsBytes)}, {FirstPerCircuitBytes / 1024:N0} KB each; " +
        $"steady, after a full collection {Mb(CollectedBaselineBytes)} -> {Mb(CollectedWithCircuitsBytes)}, {PerCircuitBytes / 1024:N0} KB each");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");
}

/// <summary>
/// The server's working set over N circuits, minus the baseline, divided by N, on a freshly started dashboard, signed
/// in, after one unmeasured visit of the page (its tab closed, 5 s to settle). The circuits are N tabs of one
/// signed-in context, each with the page open until its content shows (a customer link, or an order row).
/// <list type="bullet">
/// <item>First: the baseline, N circuits, 5 s to settle, the working set again. This counts, besides what the
/// circuits keep, the garbage their start left (the GC had no reason to collect yet) and the code the JIT compiled
/// for them (tier-1 recompilation of what became hot).</item>
/// <item>Steady, the figure the target is judged on: those N tabs closed, a full collection, the baseline; N new tabs,
/// a full collection, the working set again. What a circuit keeps, on a process past its warm-up.</item>
/// </list>
/// Each reading is the median of three a second apart (docs/performance.md#memory-per-circuit).
/// </summary>
internal static class CircuitMemory
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

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
        var baseline = await dashboard.SettledWorkingSetAsync(Settle);

        var first = await OpenAllAsync(context, path, ready, circuits);
        var withCircuits = await dashboard.SettledWorkingSetAsync(Settle);
        await CloseAllAsync(first);

        var collectedBaseline = await dashboard.CollectedWorkingSetAsync(Settle);
        var again = await OpenAllAsync(context, path, ready, circuits);
        var collectedWithCircuits = await dashboard.CollectedWorkingSetAsync(Settle);
        await CloseAllAsync(again);

        return new CircuitCost(circuits, baseline, withCircuits, collectedBaseline, collectedWithCircuits);
    }

    /// <summary>Ready when the customers table has a link.</summary>
    public static Task CustomersShown(IPage page) => page.Locator("#customers-table a").First.WaitForAsync();

    /// <summary>Ready when the orders table has a data row.</summary>
    public static async Task OrdersShown(IPage page) =>
        _ = await PageProbe.FirstRowAsync(page) ?? throw new InvalidOperationException($"{page.Url} showed no order row.");

    private static async Task<List<IPage>> OpenAllAsync(IBrowserContext context, string path, Func<IPage, Task> ready, int circuits)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var page = await context.NewPageAsync();
            await OpenAsync(page, path, ready);
            pages.Add(page);
        }

        return pages;
    }

    // Closing a tab ends its circuit: blazor.web.js tells the server when the page is hidden for good, and the server
    // disposes the circuit rather than keeping it for a reconnection.
    private static async Task CloseAllAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }
    }

    private static async Task OpenAsync(IPage page, string path, Func<IPage, Task> ready)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await ready(page);
    }
}
