using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// The server's working set over N circuits, minus the baseline, divided by N, on a freshly started dashboard, signed
/// in, after one unmeasured visit of the page (its tab closed, 5 s to settle). The circuits are N tabs of one
/// signed-in context, each with the page open until its content shows (a customer link, or an order row).
/// <list type="bullet">
/// <item>First: the baseline, N circuits, 5 s to settle, the working set again. This counts, besides what the
/// circuits keep, the garbage their start left (the GC had no reason to collect yet) and the code the JIT compiled
/// for them (tier-1 recompilation of what became hot).</item>
/// <item>Steady, the figure the target is judged on, in three rounds: the tabs closed, a full collection, the
/// baseline; N new tabs, a full collection, the working set again. The median of the rounds: what a circuit keeps, on
/// a process past its warm-up. The rounds differ by hundreds of kilobytes per circuit: the JIT still recompiles what
/// became hot, and the collector keeps or returns free memory as it sees fit (docs/performance.md#memory-per-circuit).
/// So each round also reads the live managed bytes after the collections: what the circuits keep alive, without what
/// the collector and the JIT hold. The caller keeps a customer's shared snapshot alive through the rounds, so that it is
/// in every baseline rather than read again in one.</item>
/// </list>
/// Each reading is the median of three a second apart (docs/performance.md#memory-per-circuit).
/// </summary>
internal static class CircuitMemory
{
    private const int SteadyRounds = 3;
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

        var rounds = new List<SteadyRound>();
        for (var round = 0; round < SteadyRounds; round++)
        {
            await Task.Delay(Settle);
            var without = await dashboard.CollectedMemoryAsync(Settle);
            var again = await OpenAllAsync(context, path, ready, circuits);
            var with = await dashboard.CollectedMemoryAsync(Settle);
            rounds.Add(new SteadyRound(without.WorkingSet, with.WorkingSet, without.Heap, with.Heap));
            await CloseAllAsync(again);
        }

        return new CircuitCost(circuits, baseline, withCircuits, rounds);
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

    // Closing a tab ends its circuit: blazor.web.js tells the server when the page goes away for good (a beacon on
    // pagehide), and the server disposes the circuit rather than keeping it for a reconnection. CloseAsync waits until
    // the tab is closed; the beacon is then handled within the settling time before the next collection.
    private static async Task CloseAllAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }
    }

    private static async Task OpenAsync(IPage page, string path, Func<IPage, Task> ready)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await ready(page);
    }
}
