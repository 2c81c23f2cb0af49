using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Layout;

/// <summary>On a phone (390 × 844 CSS pixels) the app bar stays one line, order cards cut nothing off, and focus moves quietly.</summary>
public sealed class PhoneScreenTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const int Width = 390;
    private const int Height = 844;
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string Woodgrove = "c7d9e1f3-5a7b-4c9d-8e1f-3a5b7c9d1e2f";

    [Fact]
    public async Task AppBar_OnAPhone_StaysOneLineWithTheTitleAndTheEnvironment()
    {
        var page = await host.NewPageAsync(Width, Height);
        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        // The short title, whole: one line, and not cut off by its ellipsis.
        var title = page.Locator("#app-title");
        await Expect(title).ToBeVisibleAsync();
        (await title.InnerTextAsync()).ShouldBe("Order Desk");
        (await title.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth")).ShouldBeTrue("The title is cut off.");
        var lineHeight = await title.EvaluateAsync<float>("e => parseFloat(getComputedStyle(e).lineHeight)");
        var titleBox = (await title.BoundingBoxAsync()).ShouldNotBeNull();
        titleBox.Height.ShouldBeLessThanOrEqualTo(lineHeight * 1.5f, "The title wraps onto more than one line.");

        var appBar = (await page.Locator(".mud-appbar").BoundingBoxAsync()).ShouldNotBeNull();
        appBar.Height.ShouldBeLessThanOrEqualTo(64f);
        var environment = (await page.Locator("#partner-center-target").BoundingBoxAsync()).ShouldNotBeNull();
        (environment.X + environment.Width).ShouldBeLessThanOrEqualTo(Width);
        (await OutsideTheWindowAsync(page, ".mud-appbar *")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Contoso, "11fc4bdfd47a")]
    [InlineData(Woodgrove, "6b8d0f2a4c6e")]
    public async Task OrderCards_OnAPhone_WrapLongValuesInsteadOfCuttingThemOff(string customerId, string shownOrder)
    {
        var page = await host.NewPageAsync(Width, Height);
        await page.GotoAsync($"customers/{customerId}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync(shownOrder);
        // A phone's drawer is hidden until opened (CSS, from the first paint): the cards have the whole width.
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Navigation" })).ToBeHiddenAsync();
        await Screenshots.TakeAsync(page, $"phone-orders-{shownOrder}.png", page.Locator("#orders-table"));

        (await OutsideTheWindowAsync(page, "#orders-table tbody *")).ShouldBeEmpty();
        (await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#orders-table tbody *')]
                .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !e.closest('.sr-only, .why > span'))
                .map(e => `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 40)}" needs ${e.scrollWidth}px, has ${e.clientWidth}px`)
            """)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).ShouldBe(0);
        (await OutsideTheWindowAsync(page, ".mud-main-content *")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Drawer_OnAPhone_OpensOverThePageAndClosesOnATapBesideItOrOnNavigation()
    {
        var page = await host.NewPageAsync(Width, Height);
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");
        var navigation = page.GetByRole(AriaRole.Complementary, new() { Name = "Navigation" });
        await Expect(navigation).ToBeHiddenAsync();
        (await page.Locator(".mud-main-content").BoundingBoxAsync()).ShouldNotBeNull().X.ShouldBe(0);

        await page.Locator("#toggle-navigation").ClickAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToBeVisibleAsync();
        var drawer = (await navigation.BoundingBoxAsync()).ShouldNotBeNull();
        drawer.Y.ShouldBe(0, "The open drawer covers the app bar too.");
        await page.Mouse.ClickAsync(Width - 20, Height / 2);
        await Expect(navigation).ToBeHiddenAsync();

        await page.Locator("#toggle-navigation").ClickAsync();
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Level = 1 })).ToBeVisibleAsync();
        await Expect(navigation).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Heading_AfterKeyboardNavigation_HasFocusWithoutAFocusRing()
    {
        var page = await host.NewPageAsync(Width, Height);
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");

        // With the keyboard: Chromium shows focus rings after keys, so this is the case where a ring would appear.
        await page.GetByRole(AriaRole.Link, new() { Name = "Contoso Sandbox Lab", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 });
        await Expect(heading).ToBeFocusedAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.tagName")).ShouldBe("H1");
        var outline = await heading.EvaluateAsync<string[]>("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]");
        (outline[0] == "none" || outline[1] == "0px").ShouldBeTrue($"The focused heading draws an outline: {outline[0]} {outline[1]}.");
        await Screenshots.TakeAsync(page, "phone-heading-focus.png");
    }

    /// <summary>The elements matching a selector whose box reaches past either side of the window.</summary>
    private static Task<string[]> OutsideTheWindowAsync(IPage page, string selector) => page.EvaluateAsync<string[]>("""
        selector => [...document.querySelectorAll(selector)]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && !e.closest('.sr-only') && (r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5); })
            .map(e => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`)
        """, selector);
}
