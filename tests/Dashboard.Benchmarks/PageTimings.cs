using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>
/// How the orders page of a customer with thousands of orders feels: the real dashboard (Release build, its built-in
/// emulator with the <c>large</c> seed) started as a process, driven by Debian's Chromium. Times are from the user's
/// action to the page showing its result, median of several runs.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project tests/Dashboard.Benchmarks -- pages [ordersPerCustomer] [runs]</remarks>
internal static partial class PageTimings
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ordersPerCustomer = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var data = Directory.CreateTempSubdirectory("sod-pages");
        var port = 20_000 + Random.Shared.Next(20_000);
        using var web = StartDashboard(port, data.FullName, ordersPerCustomer);
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}/";
            await WaitUntilUpAsync(baseUrl);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);

            // The development sign-in, as the operator.
            await page.GotoAsync("signin/development?returnUrl=/customers");
            await page.Locator("#sign-in-operator").GetByRole(AriaRole.Button).ClickAsync();
            await page.Locator("#customers-table a").First.WaitForAsync();
            var customerHref = await page.Locator("#customers-table a").First.GetAttributeAsync("href");

            var timings = new Dictionary<string, List<double>>();
            void Record(string what, double ms) => (timings.TryGetValue(what, out var list) ? list : timings[what] = []).Add(ms);

            for (var run = 0; run < runs; run++)
            {
                Record("open the orders page (read, classify, first page shown)", await TimeAsync(async () =>
                {
                    await page.GotoAsync(customerHref!);
                    await page.Locator("#orders-table tbody tr").First.WaitForAsync();
                }));
                var shown = page.Locator("#orders-shown");
                var total = await shown.InnerTextAsync();
                var firstRow = page.Locator("#orders-table tbody tr").First;

                var before = await firstRow.InnerTextAsync();
                Record("sort by products", await TimeAsync(async () =>
                {
                    await page.Locator("#orders-table th .mud-table-sort-label", new() { HasText = "Products" }).ClickAsync();
                    await WaitForChangeAsync(firstRow, before);
                }));

                Record("filter by status (chip)", await TimeAsync(async () =>
                {
                    await page.Locator("#status-counts [data-status='Completed']").ClickAsync();
                    await WaitForChangeAsync(shown, total);
                }));

                var filtered = await shown.InnerTextAsync();
                Record("search 'Reserved' (300 ms debounce included)", await TimeAsync(async () =>
                {
                    await page.GetByLabel("Search").FillAsync("Reserved");
                    await WaitForChangeAsync(shown, filtered);
                }));

                var pager = page.Locator(".mud-table-pagination-caption").Last;
                var pagerBefore = await pager.InnerTextAsync();
                Record("next page", await TimeAsync(async () =>
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
                    await WaitForChangeAsync(pager, pagerBefore);
                }));

                Console.WriteLine($"run {run + 1}: {total}");
            }

            web.Refresh();
            Console.WriteLine();
            Console.WriteLine($"Orders page of a customer with {ordersPerCustomer:N0} orders, median of {runs} runs (min-max):");
            foreach (var (what, values) in timings)
            {
                values.Sort();
                Console.WriteLine($"  {what,-58} {values[values.Count / 2],8:N0} ms  ({values[0]:N0}-{values[^1]:N0})");
            }

            Console.WriteLine($"  dashboard process working set: {web.WorkingSet64 / (1024 * 1024):N0} MB");
            return 0;
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static Process StartDashboard(int port, string dataDirectory, int ordersPerCustomer)
    {
        var start = new ProcessStartInfo("dotnet", "Dashboard.Web.dll")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Development serves the static files from the build output (a publish would serve them in Production).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Emulator__DataPath"] = Path.Combine(dataDirectory, "emulator.db");
        start.Environment["Emulator__Seed"] = "large";
        start.Environment["Emulator__Large__Customers"] = "1";
        start.Environment["Emulator__Large__OrdersPerCustomer"] = ordersPerCustomer.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(new Uri(baseUrl), "app.css"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The dashboard did not start.");
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task WaitForChangeAsync(ILocator locator, string before)
    {
        await Assertions.Expect(locator).Not.ToHaveTextAsync(new Regex($"^{Regex.Escape(before)}$"), new() { Timeout = 120_000 });
    }
}
