using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Issue 13's orders-page benchmark, in one run: the published dashboard against the standalone emulator (a 1,000-order
/// and a 10,000-order customer, throttling off), driven by Debian's Chromium, every figure next to the raw Partner
/// Center read of the same customer; then memory per circuit and the cold start. See <see cref="PageBenchmarkOptions.Usage"/>.
/// </summary>
internal static class PageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (PageBenchmarkOptions.Parse(args) is not { } options)
        {
            return 2;
        }

        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Orders-page benchmark: {options}");
        var data = Directory.CreateTempSubdirectory("sod-bench-");
        try
        {
            var apps = await PublishedApps.PublishAsync(options.Publish);
            var (emulator, smallCustomer, largeCustomer) = await BenchSandbox.StartAsync(apps, Path.Combine(data.FullName, "emulator"));
            await using (emulator)
            {
                var small = new CustomerFigures(smallCustomer);
                var large = new CustomerFigures(largeCustomer);
                var report = new PageReport(small, large);
                Load(report, "start");

                using var playwright = await Playwright.CreateAsync();
                await using var browser = await OrdersPageDriver.LaunchAsync(playwright);
                Task<AppProcess> StartDashboard() => StartDashboardAsync(apps, emulator.BaseAddress, data.FullName, snapshotSeconds: null);

                // For memory, the customer's shared snapshot lives through the whole measure (an hour, not 60 s): it is
                // then in every baseline, and the figure is what one more circuit costs, not a snapshot read again
                // because it expired during a round (docs/performance.md#memory-per-circuit).
                Task<AppProcess> StartDashboardForMemory() => StartDashboardAsync(apps, emulator.BaseAddress, data.FullName, snapshotSeconds: 3600);

                if (options.Runs("pages"))
                {
                    await using var dashboard = await StartDashboard();
                    var driver = new OrdersPageDriver(browser, dashboard.BaseAddress, await OrdersPageDriver.SignInAsync(browser, dashboard.BaseAddress));
                    foreach (var figures in new[] { small, large })
                    {
                        Phase(watch, $"raw reads and the orders page of {figures.Customer.Label}");
                        figures.RawRead = await BenchSandbox.TimeRawReadsAsync(emulator.BaseAddress, figures.Customer, options.RawReads);
                        Console.WriteLine($"  raw read: {figures.RawRead.Describe()}");
                        await driver.MeasureAsync(figures, options);
                        Console.WriteLine($"  dashboard working set now {dashboard.WorkingSetBytes() / 1048576.0:N0} MB");
                        Load(report, $"after {figures.Customer.Label}");
                    }
                }

                if (options.Runs("memory"))
                {
                    Phase(watch, $"memory per circuit ({options.Circuits} circuits each, a fresh dashboard each, the shared snapshot kept 1 h)");
                    report.IdleCircuits = await CircuitMemory.MeasureAsync(StartDashboardForMemory, browser, "customers", CircuitMemory.CustomersShown, options.Circuits);
                    Console.WriteLine($"  idle: {report.IdleCircuits}");
                    report.SmallCircuits = await CircuitMemory.MeasureAsync(StartDashboardForMemory, browser, smallCustomer.OrdersPath, CircuitMemory.OrdersShown, options.Circuits);
                    Console.WriteLine($"  {smallCustomer.Label}: {report.SmallCircuits}");
                    report.LargeCircuits = await CircuitMemory.MeasureAsync(StartDashboardForMemory, browser, largeCustomer.OrdersPath, CircuitMemory.OrdersShown, options.Circuits);
                    Console.WriteLine($"  {largeCustomer.Label}: {report.LargeCircuits}");
                    Load(report, "after memory");
                }

                if (options.Runs("start"))
                {
                    Phase(watch, $"cold start of the published dashboard with its built-in emulator ({options.Starts} fresh, {options.Starts} warm)");
                    (report.ColdFresh, report.ColdWarm) = await ColdStart.MeasureAsync(apps, Path.Combine(data.FullName, "cold"), options.Starts);
                }

                Load(report, "end");

                Console.WriteLine();
                Console.WriteLine($"Orders page, published dashboard (Release, Development) against the standalone emulator, Chromium; {options}; {watch.Elapsed.TotalMinutes:N1} min");
                if (options.Only is null)
                {
                    Console.WriteLine(report.Print());
                }

                Console.WriteLine(report.Details());
            }

            return 0;
        }
        finally
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing the run over.
            }
        }
    }

    private static async Task<AppProcess> StartDashboardAsync(PublishedApps apps, Uri emulator, string dataRoot, int? snapshotSeconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataRoot, $"web-{Guid.NewGuid():N}")).FullName;
        var environment = PublishedApps.DashboardAt(emulator, folder);
        if (snapshotSeconds is { } seconds)
        {
            environment["Orders__SnapshotSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var dashboard = AppProcess.Start(apps.WebDll, environment);
        try
        {
            await dashboard.WaitForOkAsync(ColdStart.FirstPage, TimeSpan.FromMinutes(2));
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    private static void Phase(Stopwatch watch, string what) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{watch.Elapsed:mm\\:ss}] {what} (load {LoadAverage()})"));

    private static void Load(PageReport report, string when) => report.LoadAverages.Add($"{when} {LoadAverage()}");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
