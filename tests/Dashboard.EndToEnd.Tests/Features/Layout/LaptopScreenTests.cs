using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Layout;

/// <summary>On a laptop screen every page fits its width: nothing runs off the side, and every action is on screen.</summary>
public sealed class LaptopScreenTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";

    public static TheoryData<int, int> LaptopScreens => new() { { 1280, 720 }, { 1366, 768 } };

    [Theory]
    [MemberData(nameof(LaptopScreens))]
    public async Task OrdersPage_FitsTheWidth_WithEveryRowActionOnScreen(int width, int height)
    {
        var page = await host.NewPageAsync(width, height);
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        (await HorizontalOverflowAsync(page)).ShouldBe(0, await WidestAsync(page));
        foreach (var cancel in await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Cancel order ") }).AllAsync())
        {
            var box = (await cancel.BoundingBoxAsync()).ShouldNotBeNull();
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(width);
        }

        (await page.Locator("#partner-center-target").BoundingBoxAsync()).ShouldNotBeNull().Y.ShouldBeLessThan(100);
    }

    [Fact]
    public async Task Drawer_OnALaptop_IsAStripOfIconsBesideThePageThatOpensWithLabels()
    {
        var page = await host.NewPageAsync(1280, 720);
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");
        var navigation = page.GetByRole(AriaRole.Complementary, new() { Name = "Navigation" });
        var jobs = navigation.GetByRole(AriaRole.Link, new() { Name = "Jobs" });
        await Expect(jobs).ToBeVisibleAsync();
        await Expect(jobs.Locator(".mud-nav-link-text")).ToHaveCSSAsync("width", "1px");
        var strip = (await navigation.BoundingBoxAsync()).ShouldNotBeNull();
        var content = (await page.Locator(".mud-main-content").BoundingBoxAsync()).ShouldNotBeNull();
        strip.Y.ShouldBeGreaterThan(0, "The drawer sits under the app bar.");
        content.X.ShouldBeGreaterThanOrEqualTo(strip.X + strip.Width - 0.5f, "The page starts beside the strip, not under it.");

        await page.Locator("#toggle-navigation").ClickAsync();
        await Expect(jobs.Locator(".mud-nav-link-text")).Not.ToHaveCSSAsync("width", "1px");
        await Expect(page.Locator("#navigation-scrim")).ToBeHiddenAsync();
        await Expect(navigation).ToHaveCSSAsync("width", "240px");
        await Expect(page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "240px");
    }

    /// <summary>
    /// Why an order cannot be cancelled shows while its label is hovered, stays while the pointer moves onto it, and Esc
    /// hides it until the pointer leaves (WCAG 1.4.13). Shown, its text wraps; hidden, it is one clipped line.
    /// </summary>
    [Fact]
    public async Task CancellableReason_HoverMoveOntoItThenEsc_ShowsStaysAndHides()
    {
        var page = await host.NewPageAsync(1280, 720);
        await page.GotoAsync($"customers/{Contoso}/orders");
        var label = page.Locator("#orders-table .why").First;
        var reason = label.Locator("span");
        await Expect(reason).ToHaveCSSAsync("white-space", "nowrap");

        await label.HoverAsync();
        await Expect(reason).ToHaveCSSAsync("white-space", "normal");
        var box = (await reason.BoundingBoxAsync()).ShouldNotBeNull();
        (box.X >= 0 && box.Y >= 0).ShouldBeTrue("The reason opens inside the window.");
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await Expect(reason).ToHaveCSSAsync("white-space", "normal");

        await page.Keyboard.PressAsync("Escape");
        await Expect(reason).ToHaveCSSAsync("white-space", "nowrap");

        await page.Mouse.MoveAsync(0, 0);
        await label.HoverAsync();
        await Expect(reason).ToHaveCSSAsync("white-space", "normal");
    }

    [Theory]
    [MemberData(nameof(LaptopScreens))]
    public async Task OrderDetailsAndCustomersPages_FitTheWidth(int width, int height)
    {
        var page = await host.NewPageAsync(width, height);

        await page.GotoAsync("customers");
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");
        (await HorizontalOverflowAsync(page)).ShouldBe(0, await WidestAsync(page));

        await page.GotoAsync($"customers/{Contoso}/orders/UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1");
        await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
        (await HorizontalOverflowAsync(page)).ShouldBe(0, await WidestAsync(page));
        var cancel = (await page.Locator("#cancel-order").BoundingBoxAsync()).ShouldNotBeNull();
        (cancel.X + cancel.Width).ShouldBeLessThanOrEqualTo(width);
    }

    /// <summary>The elements that reach past the window's right edge, for the failure message.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
              .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join('\n')
        """);

    /// <summary>How far the page is wider than the window, in CSS pixels.</summary>
    private static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
}
