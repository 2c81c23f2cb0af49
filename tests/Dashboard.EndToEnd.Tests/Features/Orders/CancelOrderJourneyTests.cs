using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>A partner engineer finds a sandbox customer, narrows its orders down and cancels one, in a real browser.</summary>
public sealed class CancelOrderJourneyTests(DashboardHost host) : IClassFixture<DashboardHost>, IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";
    private const string NewCommerceOrder = "5cf72f146967";

    /// <summary>Each test starts from the seed: two of them cancel orders of the customer the others count.</summary>
    public async ValueTask InitializeAsync() => await host.ResetEmulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SearchFilterOpenAndCancel_ShowsCancelledAndTheEmulatorAgrees()
    {
        var page = await host.NewPageAsync();

        // Search a customer by the start of its name, then open its orders.
        await page.GotoAsync("customers");
        await page.GetByLabel("Company name starts with").FillAsync("Cont");
        await Expect(page.Locator("#customers-table")).Not.ToContainTextAsync("Fabrikam");
        await page.GetByRole(AriaRole.Link, new() { Name = "Contoso Sandbox Lab", Exact = true }).ClickAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        await Expect(page.Locator("#customer-name")).ToHaveTextAsync("Contoso Sandbox Lab");
        await Expect(page.Locator("#partner-center-target")).ToContainTextAsync("Emulator");
        await Screenshots.TakeAsync(page, "orders.png");

        // Filter: the search and a status, both kept in the URL.
        await page.GetByLabel("Search").FillAsync("Identity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Completed: 4" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Completed.*q=Identity"));
        await Expect(page.Locator("#orders-shown")).ToHaveTextAsync("1 of 4 orders match");

        // Open the order and cancel it through the dialog.
        await page.Locator($"#order-link-{SeedDocumentOrder}").ClickAsync();
        await Expect(page.Locator("#fact-order-id")).ToHaveTextAsync(SeedDocumentOrder);
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        await page.Locator("#cancel-order").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Contoso Sandbox Lab");
        await Expect(dialog).ToContainTextAsync("11fc4bdfd47a");
        await Expect(dialog).ToContainTextAsync("Microsoft Identity Manager 2016 - 1 User CAL");
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await Screenshots.TakeAsync(page, "cancel-dialog.png");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByText("Order 11fc4bdfd47a is cancelled.")).ToBeVisibleAsync();
        await Expect(page.Locator("#cancel-order")).ToBeDisabledAsync();
        (await host.ReadOrderFromEmulatorAsync(Contoso, SeedDocumentOrder)).GetProperty("status").GetString().ShouldBe("cancelled");

        // Back to the list: the same view, with the order cancelled.
        await page.GoBackAsync();
        await Expect(page.Locator("#orders-shown")).ToHaveTextAsync("0 of 4 orders match");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancelled: 1" }).ClickAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
    }

    [Fact]
    public async Task NonCancellableOrder_ShowsItsReasonWithTheActionDisabled()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync($"customers/{Contoso}/orders?q={NewCommerceOrder}");
        var cancel = page.Locator($"#cancel-order-{NewCommerceOrder}");
        await Expect(cancel).ToBeDisabledAsync();
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("Via subscription");

        await page.Locator($"#order-link-{NewCommerceOrder}").ClickAsync();
        await Expect(page.Locator("#cancel-unavailable-reason")).ToHaveTextAsync("New-commerce orders are cancelled through their subscriptions, not by order.");
        await Expect(page.Locator("#cancel-order")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task CancelFromTheRow_ShowsCancelledInPlace()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order 3b7e0d1c9a42" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        var row = page.Locator("#orders-table tr", new() { Has = page.Locator($"#order-link-{ReservedInstanceOrder}") });
        await Expect(row.Locator(".order-status-chip")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator($"#cancel-order-{ReservedInstanceOrder}")).ToBeDisabledAsync();
        (await host.ReadOrderFromEmulatorAsync(Contoso, ReservedInstanceOrder)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelOrder_KeptInTheDialog_SendsNothing()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("customers/3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13/orders/2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1");
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");

        await page.Locator("#cancel-order").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep order" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        (await host.ReadOrderFromEmulatorAsync("3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13", "2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1"))
            .GetProperty("status").GetString().ShouldBe("completed");
    }
}
