using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Activity;

/// <summary>
/// After a cancel, an operator finds who did it on the activity page, with the request ids to quote to support, and
/// downloads the log as CSV, in a real browser against the real app and its store.
/// </summary>
public sealed class ActivityJourneyTests(DashboardHost host) : IClassFixture<DashboardHost>, IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    public async ValueTask InitializeAsync() => await host.ResetEmulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CancelAnOrder_FindItOnTheActivityPageWithItsIds_AndDownloadTheCsv()
    {
        var page = await host.NewPageAsync();

        // Cancel an order through the dialog.
        await page.GotoAsync($"customers/{Contoso}/orders/{ReservedInstanceOrder}");
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#order-history-empty")).ToBeVisibleAsync();
        await page.Locator("#cancel-order").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Cancelled");

        // The order's own history shows the cancel at once, and Partner Center's audit trail shows it from its side.
        await Expect(page.Locator("#order-history")).ToContainTextAsync("Cancel order");
        await Expect(page.Locator("#order-history")).ToContainTextAsync("Applied");
        await Expect(page.Locator("#audit-records")).ToContainTextAsync("update_order");

        // The request id Partner Center (the emulator) applied the change with.
        var requestId = await AppliedRequestIdAsync(ReservedInstanceOrder);

        // The activity page, narrowed to the order by typing its id: who, what, the outcome and both ids.
        await page.GotoAsync("activity");
        await Expect(page.Locator("#activity-table")).ToContainTextAsync(ReservedInstanceOrder);
        await page.GetByLabel("Order id").FillAsync(ReservedInstanceOrder);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"order={ReservedInstanceOrder}"));
        var row = page.Locator("#activity-table tbody tr", new() { HasText = ReservedInstanceOrder });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Cancel order");
        await Expect(row).ToContainTextAsync("Applied");
        await Expect(row).ToContainTextAsync("Contoso Sandbox Lab");
        await Expect(row).ToContainTextAsync(requestId);
        var correlationId = (await row.Locator(".activity-correlation").InnerTextAsync()).Trim();
        Guid.TryParse(correlationId, out _).ShouldBeTrue($"the row shows the cancel's MS-CorrelationId, not \"{correlationId}\"");
        await Screenshots.TakeAsync(page, "activity.png");

        // The download carries the same filter: the header and the one record, with both ids.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-activity").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path!, TestContext.Current.CancellationToken)).Where(l => l.Length > 0).ToList();
        lines[0].ShouldStartWith("time (utc),user,");
        lines.Count.ShouldBe(2, string.Join(Environment.NewLine, lines));
        lines[1].ShouldContain(ReservedInstanceOrder);
        lines[1].ShouldContain(correlationId);
        lines[1].ShouldContain(requestId);

        // The download itself is on the record.
        await page.GotoAsync("activity?action=Export");
        await Expect(page.Locator("#activity-table")).ToContainTextAsync("Activity log CSV: 1 record.");

        // Side by side on the order's page: the dashboard's record and Partner Center's carry the same correlation id.
        await page.GotoAsync($"customers/{Contoso}/orders/{ReservedInstanceOrder}");
        await Expect(page.Locator("#order-history")).ToContainTextAsync(correlationId);
        await Expect(page.Locator("#audit-records")).ToContainTextAsync(correlationId);
    }

    private async Task<string> AppliedRequestIdAsync(string orderId)
    {
        using var client = host.CreateEmulatorClient();
        var changes = await client.GetFromJsonAsync<JsonElement>("emulator/changes", TestContext.Current.CancellationToken);
        var applied = changes.EnumerateArray().Single(c => c.GetProperty("orderId").GetString() == orderId);
        return applied.GetProperty("requestId").GetString()!;
    }
}
