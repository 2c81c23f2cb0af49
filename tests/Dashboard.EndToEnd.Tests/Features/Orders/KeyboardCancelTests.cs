using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// Sorting, cancelling and filtering with the keyboard alone. It cancels an order, so it has an emulator of its own:
/// the tab-stop walks in <see cref="KeyboardTests"/> expect that order still cancellable.
/// </summary>
public sealed class KeyboardCancelTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    [Fact]
    public async Task OrdersPage_SortFilterAndCancelWithTheKeyboardAlone()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        await KeyboardWalk.TabToAsync(page, "button \"Products\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("sort=products"));
        await Expect(page.Locator("th[aria-sort]")).ToContainTextAsync("Products");

        await KeyboardWalk.TabToAsync(page, "button \"Cancel order 3b7e0d1c9a42\"");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        (await host.ReadOrderFromEmulatorAsync(Contoso, ReservedInstanceOrder)).GetProperty("status").GetString().ShouldBe("completed");

        await KeyboardWalk.TabToAsync(page, "button \"Cancel order 3b7e0d1c9a42\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await KeyboardWalk.TabToAsync(page, "button \"Cancel order\"");
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator("#orders-table tr", new() { Has = page.Locator($"#order-link-{ReservedInstanceOrder}") });
        await Expect(row.Locator(".order-status-chip")).ToHaveTextAsync("Cancelled");

        await KeyboardWalk.TabToAsync(page, "button \"Completed: 3\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("status=Completed"));
        await Expect(page.Locator("#orders-shown")).ToHaveTextAsync("3 of 4 orders match");
    }
}
