using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Debian's Chromium (never a downloaded browser) driving the dashboard as the operator: opening a customer's orders
/// page three ways, and the first load's traffic. Interactions are in <see cref="OrdersPageInteractions"/>.
/// </summary>
internal sealed class OrdersPageDriver(IBrowser browser, Uri baseAddress, string storageState)
{
    public const int LongTimeout = 180_000;

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) => await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>Signs in as the development operator and answers the browser state (the sign-in cookies) for new contexts.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(LongTimeout);
        await page.GotoAsync("signin/development?returnUrl=/customers");
        await page.Locator("#sign-in-operator").GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator("#customers-table a").First.WaitForAsync();
        var state = await context.StorageStateAsync();
        await page.CloseAsync();
        return state;
    }

    /// <summary>A fresh browser context (empty HTTP cache) with the sign-in cookies and the probe.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(LongTimeout);
        await context.AddInitScriptAsync(PageProbe.Script);
        return context;
    }

    /// <summary>Opens the page each way, <paramref name="runs"/> times, interleaved, after one unmeasured open; then the interactions.</summary>
    public async Task MeasureAsync(CustomerFigures figures, PageBenchmarkOptions options)
    {
        var customer = figures.Customer;
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await OpenInAppAsync(page, customer);
            for (var run = 0; run < options.Opens; run++)
            {
                CustomerFigures.Record(figures.OpenInApp, await OpenInAppAsync(page, customer));
                CustomerFigures.Record(figures.OpenNewCircuit, await OpenNewCircuitAsync(page, customer));
                await FirstLoadAsync(figures);
                Console.WriteLine($"  {customer.Label}, open {run + 1}/{options.Opens}: in the circuit {Last(figures.OpenInApp)}, new circuit {Last(figures.OpenNewCircuit)}, first load {Last(figures.OpenFirstLoad)}");
            }

            await new OrdersPageInteractions(page, figures, options).RunAsync();
            await page.CloseAsync();
        }
    }

    /// <summary>From the customers page (loaded first, unmeasured), a click on the customer's link until the first row is painted.</summary>
    private static async Task<double?> OpenInAppAsync(IPage page, BenchCustomer customer)
    {
        await page.GotoAsync("customers");
        var link = page.Locator($"#customers-table a[href*='{customer.Id}']").First;
        await link.WaitForAsync();
        return await PageProbe.MeasureAsync(page, "click", PageProbe.FirstRow, () => link.ClickAsync(), LongTimeout);
    }

    /// <summary>A navigation to the orders URL in a tab that was signed in and has the assets cached: a new circuit.</summary>
    private static async Task<double?> OpenNewCircuitAsync(IPage page, BenchCustomer customer)
    {
        await page.GotoAsync(customer.OrdersPath, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return (await PageProbe.FirstRowAsync(page))?.SinceNavigation;
    }

    /// <summary>
    /// The first load: a fresh context with only the sign-in cookies navigates to the orders URL. Times it, and counts
    /// its traffic from the navigation until the first row was painted, and again 2 s later.
    /// </summary>
    private async Task FirstLoadAsync(CustomerFigures figures)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var traffic = await FirstLoadTraffic.StartAsync(context, page);
        await page.GotoAsync(figures.Customer.OrdersPath, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        var shown = await PageProbe.FirstRowAsync(page);
        CustomerFigures.Record(figures.OpenFirstLoad, shown?.SinceNavigation);
        if (shown is { } first)
        {
            await Task.Delay(2_000);
            var untilFirstRow = traffic.Count(first.EpochMilliseconds);
            var settled = traffic.Count();
            figures.HttpBytes.Add(untilFirstRow.HttpBytes);
            figures.WebSocketBytes.Add(untilFirstRow.WebSocketBytes);
            figures.WebSocketDeflatedBytes.Add(untilFirstRow.WebSocketDeflatedBytes);
            figures.HttpBytesSettled.Add(settled.HttpBytes);
            figures.WebSocketBytesSettled.Add(settled.WebSocketBytes);
            figures.LastFirstLoad = untilFirstRow;
        }

        await page.CloseAsync();
    }

    private static string Last(Samples samples) => double.IsNaN(samples.Last) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{samples.Last:N0} ms");
}
