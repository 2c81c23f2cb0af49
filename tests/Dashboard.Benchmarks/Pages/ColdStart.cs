namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Cold start of the published dashboard (<c>dotnet Dashboard.Web.dll</c>, Development, built-in emulator with its
/// default seed): from the process start to the first 200 of <c>GET /signin/development</c> (polled every 10 ms).
/// "Fresh": a new, empty data folder each start, so the emulator seeds and the store is created. "Warm": the data
/// folder of an earlier start. Each process is killed once it answered.
/// </summary>
internal static class ColdStart
{
    public const string FirstPage = "signin/development";

    public static async Task<(Samples Fresh, Samples Warm)> MeasureAsync(PublishedApps apps, string dataRoot, int starts)
    {
        var fresh = new Samples();
        var warm = new Samples();
        string? lastFolder = null;
        for (var i = 0; i < starts; i++)
        {
            lastFolder = Directory.CreateDirectory(Path.Combine(dataRoot, $"cold-{i}")).FullName;
            fresh.Add(await StartOnceAsync(apps, lastFolder));
        }

        for (var i = 0; i < starts; i++)
        {
            warm.Add(await StartOnceAsync(apps, lastFolder!));
        }

        Console.WriteLine($"  fresh data: {fresh.Describe()}");
        Console.WriteLine($"  warm data:  {warm.Describe()}");
        return (fresh, warm);
    }

    private static async Task<double> StartOnceAsync(PublishedApps apps, string dataFolder)
    {
        await using var dashboard = AppProcess.Start(apps.WebDll, PublishedApps.DashboardWithBuiltInEmulator(dataFolder));
        var elapsed = await dashboard.WaitForOkAsync(FirstPage, TimeSpan.FromMinutes(2));
        // Let a start that answered before finishing its seed or migrations finish them, so that "warm" means warm.
        await Task.Delay(1_000);
        return elapsed.TotalMilliseconds;
    }
}
