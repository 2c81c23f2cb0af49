using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>A partner engineer opens a sandbox customer's orders and cancels one, in a real browser.</summary>
public sealed class CancelOrderJourneyTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    [Fact]
    public async Task CancelOrder_ConfirmedInTheDialog_ShowsCancelledAndTheEmulatorAgrees()
    {
        var page = await host.NewPageAsync();

        // Customers -> the customer's orders
        await page.GotoAsync("customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Contoso Sandbox Lab" }).ClickAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        await Expect(page.Locator("#customer-name")).ToHaveTextAsync("Contoso Sandbox Lab");
        await Expect(page.Locator("#partner-center-target")).ToContainTextAsync("Emulator");
        await Screenshots.TakeAsync(page, "orders.png");

        // -> the order
        await page.Locator($"#order-link-{SeedDocumentOrder}").ClickAsync();
        await Expect(page.Locator("#fact-order-id")).ToHaveTextAsync(SeedDocumentOrder);
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#line-items-table")).ToContainTextAsync("Microsoft Identity Manager 2016 - 1 User CAL");

        // Cancel order -> the dialog says what will happen
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Contoso Sandbox Lab");
        await Expect(dialog).ToContainTextAsync("11fc4bdfd47a");
        await Expect(dialog).ToContainTextAsync("Microsoft Identity Manager 2016 - 1 User CAL");
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await Screenshots.TakeAsync(page, "cancel-dialog.png");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        // The page shows Cancelled in place, and Partner Center (the emulator) says so too.
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator("#order-status")).ToContainTextAsync("Cancelled");
        await Expect(page.GetByText("Order 11fc4bdfd47a is cancelled.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToBeDisabledAsync();
        var order = await host.ReadOrderFromEmulatorAsync(Contoso, SeedDocumentOrder);
        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelOrder_KeptInTheDialog_SendsNothing()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders/{ReservedInstanceOrder}");
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep order" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        var order = await host.ReadOrderFromEmulatorAsync(Contoso, ReservedInstanceOrder);
        order.GetProperty("status").GetString().ShouldBe("completed");
    }
}
