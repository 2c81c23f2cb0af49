using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>
/// Everything on the orders and details pages is reachable with Tab, works with Enter, and says what it does:
/// every tab stop has a role and an accessible name.
/// </summary>
public sealed partial class KeyboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    [Fact]
    public async Task OrdersPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        var stops = await TabStopsAsync(page);

        stops.ShouldContain("button \"Created (UTC)\"");
        stops.ShouldContain("button \"Completed: 4\"");
        stops.ShouldContain("textbox \"Search\"");
        stops.ShouldContain("button \"Cancel order 3b7e0d1c9a42\"");
        stops.ShouldContain("link \"11fc4bdfd47a\"");
        stops.ShouldContain(s => s.StartsWith("button \"Toggle", StringComparison.Ordinal) || s.Contains("theme", StringComparison.OrdinalIgnoreCase));
        stops.ShouldAllBe(s => Named().IsMatch(s), string.Join("\n", stops));
    }

    [Fact]
    public async Task CustomersPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("customers");
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");

        var stops = await TabStopsAsync(page);

        stops.ShouldContain("textbox \"Company name starts with\"");
        stops.ShouldContain("link \"Contoso Sandbox Lab\"");
        stops.ShouldAllBe(s => Named().IsMatch(s), string.Join("\n", stops));
    }

    [Fact]
    public async Task OrderDetailsPage_EveryTabStopHasARoleAndAName()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders/{ReservedInstanceOrder}");
        await Expect(page.Locator("#fact-order-id")).ToHaveTextAsync(ReservedInstanceOrder);

        var stops = await TabStopsAsync(page);

        stops.ShouldContain("button \"Cancel order\"");
        stops.ShouldAllBe(s => Named().IsMatch(s), string.Join("\n", stops));
    }

    [Fact]
    public async Task OrdersPage_SortFilterAndCancelWithTheKeyboardAlone()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        await TabToAsync(page, "button \"Products\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("sort=products"));
        await Expect(page.Locator("th[aria-sort]")).ToContainTextAsync("Products");

        await TabToAsync(page, "button \"Cancel order 3b7e0d1c9a42\"");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        (await host.ReadOrderFromEmulatorAsync(Contoso, ReservedInstanceOrder)).GetProperty("status").GetString().ShouldBe("completed");

        await TabToAsync(page, "button \"Cancel order 3b7e0d1c9a42\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await TabToAsync(page, "button \"Cancel order\"");
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator("#orders-table tr", new() { Has = page.Locator($"#order-link-{ReservedInstanceOrder}") });
        await Expect(row.GetByTestId("order-status")).ToHaveTextAsync("Cancelled");

        await TabToAsync(page, "button \"Completed: 3\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("status=Completed"));
        await Expect(page.Locator("#orders-shown")).ToHaveTextAsync("3 of 4 orders match");
    }

    /// <summary>
    /// Tabs through the whole page once, from the top, and returns each stop as "role \"name\"". The page starts with
    /// the focus on its heading, so the walk first tabs off the end of the page; the next Tab is the first stop.
    /// </summary>
    private static async Task<List<string>> TabStopsAsync(IPage page)
    {
        for (var i = 0; await DescribeFocusedAsync(page) != "(nothing)"; i++)
        {
            i.ShouldBeLessThan(300, "the focus never left the page");
            await page.Keyboard.PressAsync("Tab");
        }

        var stops = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var described = await DescribeFocusedAsync(page);
            if (described == "(nothing)")
            {
                return stops;
            }

            stops.Add(described);
        }

        throw new ShouldAssertException("The focus never left the page after 300 tab stops.");
    }

    private static async Task TabToAsync(IPage page, string stop)
    {
        var passed = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var described = await DescribeFocusedAsync(page);
            if (described == stop)
            {
                return;
            }

            passed.Add(described);
        }

        throw new ShouldAssertException($"Tab never reached {stop}; it passed:\n{string.Join("\n", passed.Distinct())}");
    }

    /// <summary>The focused element as the accessibility tree sees it: "role \"name\"", or just the role when it has no name.</summary>
    private static async Task<string> DescribeFocusedAsync(IPage page)
    {
        if (await page.EvaluateAsync<bool>("() => document.activeElement === null || document.activeElement === document.body"))
        {
            return "(nothing)";
        }

        var first = (await page.Locator(":focus").AriaSnapshotAsync()).Split('\n')[0];
        var match = RoleAndName().Match(first);
        return match.Success
            ? match.Groups["name"].Success ? $"{match.Groups["role"].Value} \"{match.Groups["name"].Value}\"" : match.Groups["role"].Value
            : first.Trim();
    }

    // An aria snapshot line: - button "Cancel order 3b7e0d1c9a42"   or   - 'button "Completed: 4"': Completed 4
    [GeneratedRegex("""^\s*-\s*'?(?<role>[a-z]+)(?: "(?<name>(?:[^"\\]|\\.)*)")?""")]
    private static partial Regex RoleAndName();

    [GeneratedRegex("^[a-z]+ \".+\"$")]
    private static partial Regex Named();
}
