using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Pages;

/// <summary>A customer of the benchmark's sandbox.</summary>
internal sealed record BenchCustomer(string Id, int Orders)
{
    public string Label => $"{Orders.ToString("N0", CultureInfo.InvariantCulture)} orders";

    public string OrdersPath => $"customers/{Id}/orders";
}

/// <summary>
/// The standalone emulator with one customer of 1,000 orders and one of 10,000, throttling off. The <c>large</c> seed
/// gives every customer the same number of orders (<c>Emulator:Large:OrdersPerCustomer</c>), so the emulator seeds two
/// customers of 10,000 orders, is stopped, and keeps 1,000 of the first one's (chosen by order id, so spread over the
/// seed's four months and statuses) before it is started again on the same file.
/// </summary>
internal static class BenchSandbox
{
    public const int SmallOrders = 1_000;
    public const int LargeOrders = 10_000;

    public static async Task<(AppProcess Emulator, BenchCustomer Small, BenchCustomer Large)> StartAsync(PublishedApps apps, string dataDirectory)
    {
        var environment = new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Emulator__DataPath"] = Path.Combine(dataDirectory, "emulator.db"),
            ["Emulator__Seed"] = "large",
            ["Emulator__Large__Customers"] = "2",
            ["Emulator__Large__OrdersPerCustomer"] = LargeOrders.ToString(CultureInfo.InvariantCulture),
            ["Emulator__Throttling__RequestsPerMinute"] = "0",
        };

        var watch = Stopwatch.StartNew();
        string[] ids;
        await using (var seeding = AppProcess.Start(apps.EmulatorDll, environment))
        {
            await seeding.WaitForOkAsync("v1/customers", TimeSpan.FromMinutes(5), PublishedApps.StaticToken);
            ids = await CustomerIdsAsync(seeding.BaseAddress);
            foreach (var id in ids)
            {
                // Seeding saves in batches; wait until the last one is in.
                while (await CountOrdersAsync(seeding.BaseAddress, id) < LargeOrders)
                {
                    await Task.Delay(500);
                }
            }
        }

        await KeepOrdersAsync(environment["Emulator__DataPath"], ids[0], SmallOrders);
        var emulator = AppProcess.Start(apps.EmulatorDll, environment);
        await emulator.WaitForOkAsync("v1/customers", TimeSpan.FromMinutes(1), PublishedApps.StaticToken);
        var small = new BenchCustomer(ids[0], await CountOrdersAsync(emulator.BaseAddress, ids[0]));
        var large = new BenchCustomer(ids[1], await CountOrdersAsync(emulator.BaseAddress, ids[1]));
        Console.WriteLine($"Emulator {emulator.BaseAddress} (pid {emulator.Id}): customers of {small.Label} and {large.Label}, ready in {watch.Elapsed.TotalSeconds:F0} s");
        return (emulator, small, large);
    }

    /// <summary>
    /// The raw Partner Center read the page is compared with: <c>GET /v1/customers/{id}/orders</c> with HttpClient, the
    /// whole body read, on a kept-alive connection; one unmeasured read first.
    /// </summary>
    public static async Task<Samples> TimeRawReadsAsync(Uri emulator, BenchCustomer customer, int runs)
    {
        using var http = Client(emulator);
        var samples = new Samples();
        for (var i = 0; i <= runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri($"v1/{customer.OrdersPath}", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i > 0)
            {
                samples.Add(elapsed);
                samples.Bytes = body.Length;
            }
        }

        return samples;
    }

    private static async Task<string[]> CustomerIdsAsync(Uri emulator)
    {
        using var http = Client(emulator);
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/customers", UriKind.Relative)));
        var ids = document.RootElement.GetProperty("items").EnumerateArray()
            .OrderBy(c => c.GetProperty("companyProfile").GetProperty("companyName").GetString(), StringComparer.Ordinal)
            .Select(c => c.GetProperty("id").GetString()!)
            .ToArray();
        return ids.Length == 2 ? ids : throw new InvalidOperationException($"The emulator lists {ids.Length} customers, not 2.");
    }

    private static async Task<int> CountOrdersAsync(Uri emulator, string customerId)
    {
        using var http = Client(emulator);
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"v1/customers/{customerId}/orders", UriKind.Relative)));
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    private static async Task KeepOrdersAsync(string databaseFile, string customerId, int keep)
    {
        await using (var connection = new SqliteConnection($"Data Source={databaseFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM Orders WHERE CustomerId = $customer
                  AND Id NOT IN (SELECT Id FROM Orders WHERE CustomerId = $customer ORDER BY Id LIMIT $keep)
                """;
            command.Parameters.AddWithValue("$customer", customerId);
            command.Parameters.AddWithValue("$keep", keep);
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    private static HttpClient Client(Uri emulator)
    {
        var http = new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", PublishedApps.StaticToken);
        return http;
    }
}
