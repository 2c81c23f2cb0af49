using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// The bearer token never reaches a log: a whole run of the real dashboard — reads, a cancel, a refusal shown before
/// the click, Partner Center failing and throttling — is scanned for it in every message, property and exception.
/// </summary>
public sealed class SecretsTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";

    [Fact]
    public async Task FullRun_WithCancelsFailuresAndThrottling_NeverLogsTheToken()
    {
        var page = await host.NewPageAsync();
        using var emulator = host.CreateEmulatorClient();

        await page.GotoAsync("customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Contoso Sandbox Lab", Exact = true }).ClickAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        await page.GotoAsync("customers/3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13/orders/2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1");
        await page.Locator("#cancel-order").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Cancelled");

        await page.GotoAsync($"customers/{Contoso}/orders/5cf72f146967");
        await Expect(page.Locator("#cancel-unavailable-reason")).ToContainTextAsync("through their subscriptions");

        // The orders read a moment ago are shared for a minute: Refresh reads Partner Center, which now fails.
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        (await emulator.PostAsJsonAsync("emulator/faults", new { errorRate = 1 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await page.Locator("#refresh-orders").ClickAsync();
        await Expect(page.Locator("#orders-problem")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        (await emulator.PostAsJsonAsync("emulator/faults", new { throttleRate = 1, throttleBurstLength = 1, retryAfterSeconds = 1 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        (await emulator.PostAsJsonAsync("emulator/faults", new { }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a", new() { Timeout = 60_000 });

        var events = host.Logs.Events.ToList();
        events.Count.ShouldBeGreaterThan(100);
        events.ShouldContain(e => e.MessageTemplate.Text.StartsWith("Partner Center {HttpMethod}", StringComparison.Ordinal));
        foreach (var logEvent in events)
        {
            logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldNotContain(DashboardHost.Token);
            foreach (var property in logEvent.Properties)
            {
                property.Value.ToString().ShouldNotContain(DashboardHost.Token, customMessage: $"property {property.Key} of \"{logEvent.MessageTemplate.Text}\"");
            }

            (logEvent.Exception?.ToString() ?? "").ShouldNotContain(DashboardHost.Token);
        }
    }
}
