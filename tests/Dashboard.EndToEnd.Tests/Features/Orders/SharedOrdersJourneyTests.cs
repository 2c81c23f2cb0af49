using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// Two people look at the same customer's orders, each in their own browser tab (their own circuit), sharing one
/// snapshot of the orders: what one cancels, the other sees at their next look, without Refresh.
/// </summary>
public sealed class SharedOrdersJourneyTests(DashboardHost host) : IClassFixture<DashboardHost>, IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    public async ValueTask InitializeAsync() => await host.ResetEmulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CancelInOneTab_ShowsInTheOtherAtItsNextSortWithoutRefresh()
    {
        var first = await host.NewPageAsync();
        var second = await host.NewPageAsync();
        await first.GotoAsync($"customers/{Contoso}/orders");
        await second.GotoAsync($"customers/{Contoso}/orders");
        var row = $"#orders-table tbody tr:has(#order-link-{ReservedInstanceOrder})";
        await Expect(first.Locator(row)).ToContainTextAsync("Completed");
        await Expect(second.Locator(row)).ToContainTextAsync("Completed");

        await first.Locator($"#cancel-order-{ReservedInstanceOrder}").ClickAsync();
        await first.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(first.Locator(row)).ToContainTextAsync("Cancelled");

        await second.Locator("#orders-table th button", new() { HasText = "Status" }).ClickAsync();
        await Expect(second.Locator(row)).ToContainTextAsync("Cancelled");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Cancelled: 1" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RefreshInOneTab_ReadsPartnerCenterForBoth()
    {
        var first = await host.NewPageAsync();
        var second = await host.NewPageAsync();
        await first.GotoAsync($"customers/{Contoso}/orders");
        await second.GotoAsync($"customers/{Contoso}/orders");
        var row = $"#orders-table tbody tr:has(#order-link-{ReservedInstanceOrder})";
        await Expect(second.Locator(row)).ToContainTextAsync("Completed");

        // Cancelled by someone else, outside this dashboard: only a fresh read shows it.
        await host.CancelInEmulatorAsync(Contoso, ReservedInstanceOrder);
        await first.Locator("#refresh-orders").ClickAsync();
        await Expect(first.Locator(row)).ToContainTextAsync("Cancelled");

        await second.Locator("#orders-table th button", new() { HasText = "Status" }).ClickAsync();
        await Expect(second.Locator(row)).ToContainTextAsync("Cancelled");
    }
}
