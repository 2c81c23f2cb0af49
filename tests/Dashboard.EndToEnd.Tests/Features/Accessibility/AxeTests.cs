using Microsoft.Playwright;
using static Dashboard.EndToEnd.Tests.Features.Accessibility.AccessibilityFixture;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Accessibility;

/// <summary>
/// Every page, in the light and the dark theme, has no violation of axe-core's WCAG 2.1 A and AA rules. The theme is the
/// system's (the dashboard follows prefers-color-scheme until the user picks one), emulated by Chromium.
/// </summary>
public sealed class AxeTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    public static TheoryData<string, ColorScheme> ViewsInEachTheme
    {
        get
        {
            var data = new TheoryData<string, ColorScheme>();
            foreach (var view in new[] { "sign-in", "customers", "orders", "order", "cancelled order", "activity", "jobs", "job", "not found", "cancel dialog" })
            {
                data.Add(view, ColorScheme.Light);
                data.Add(view, ColorScheme.Dark);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ViewsInEachTheme))]
    public async Task Axe_ViewInTheme_FindsNoWcag21AaViolation(string view, ColorScheme theme)
    {
        var page = view == "sign-in" ? await fixture.Host.NewAnonymousPageAsync() : await fixture.Host.NewPageOfTheSignedInOperatorAsync();
        try
        {
            await page.EmulateMediaAsync(new() { ColorScheme = theme });
            await OpenAsync(page, view);
            if (view != "sign-in")
            {
                // The layout applies the system's theme after its first render: wait until it has.
                await Expect(page.Locator("#toggle-theme")).ToHaveAttributeAsync("data-theme", theme == ColorScheme.Dark ? "dark" : "light");
                // The dark theme is a stylesheet the layout adds: wait until the page is painted in it.
                await page.WaitForFunctionAsync(
                    "scheme => getComputedStyle(document.documentElement).getPropertyValue('--mud-native-html-color-scheme').trim() === scheme",
                    theme == ColorScheme.Dark ? "dark" : "light");
            }

            await Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);

            var result = await Axe.RunAsync(page);

            Axe.ViolatingElements(result).ShouldBe(0, $"Elements of the {view} view in the {theme} theme violate WCAG 2.1 A/AA rules:\n{Axe.Report(result)}");
            // A scan that checked nothing would pass too: the contrast rule must have looked at the page's text.
            result.Passes.ShouldContain(rule => rule.Id == "color-contrast" && rule.Nodes.Length > 0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Axe_LowContrastTextOnAPage_IsReportedWithItsRuleImpactAndSelector()
    {
        var page = await fixture.Host.NewPageOfTheSignedInOperatorAsync();
        try
        {
            await OpenAsync(page, "not found");
            await page.EvaluateAsync("""
                () => {
                    const bad = document.createElement('p');
                    bad.id = 'axe-known-bad';
                    bad.textContent = 'Grey on white, too faint to read';
                    bad.style.color = '#b0b0b0';
                    bad.style.background = '#ffffff';
                    document.querySelector('h1').after(bad);
                }
                """);

            var result = await Axe.RunAsync(page);

            var contrast = result.Violations.ShouldHaveSingleItem();
            contrast.Id.ShouldBe("color-contrast");
            contrast.Nodes.ShouldHaveSingleItem().Target.ToString().ShouldBe("#axe-known-bad");
            // What a failure says: the rule and its impact, then where, and what is wrong there.
            var report = Axe.Report(result);
            report.ShouldStartWith("color-contrast (serious, 1 element): Elements must meet minimum color contrast ratio thresholds");
            report.ShouldContain("  #axe-known-bad");
            report.ShouldContain("Element has insufficient color contrast of");
            report.ShouldContain("foreground color: #b0b0b0");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task OpenAsync(IPage page, string view)
    {
        switch (view)
        {
            case "sign-in":
                await page.GotoAsync("signin/development");
                await Expect(page.Locator("#sign-in-operator")).ToBeVisibleAsync();
                break;
            case "customers":
                await page.GotoAsync("customers");
                await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");
                break;
            case "orders":
                // Fabrikam's orders: completed, pending and (through the fixture's job) cancelled.
                await page.GotoAsync($"customers/{Fabrikam}/orders");
                await Expect(page.Locator("#orders-table [data-status]")).ToHaveCountAsync(3);
                await Expect(page.Locator("#status-counts [data-status]")).ToHaveCountAsync(3);
                break;
            case "order":
                await page.GotoAsync($"customers/{Contoso}/orders/UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1");
                await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Completed");
                await Expect(page.Locator("#cancel-order")).ToBeEnabledAsync();
                break;
            case "cancelled order":
                await page.GotoAsync($"customers/{Fabrikam}/orders/{CancelledByTheJob}");
                await Expect(page.Locator("#fact-status")).ToHaveTextAsync("Cancelled");
                await Expect(page.Locator("#order-history")).ToBeVisibleAsync();
                break;
            case "activity":
                await page.GotoAsync("activity");
                await Expect(page.Locator("#activity-table")).ToContainTextAsync(CancelledByTheJob);
                break;
            case "jobs":
                await page.GotoAsync("jobs");
                await Expect(page.Locator("#jobs-table [data-state]")).ToHaveCountAsync(1);
                break;
            case "job":
                await page.GotoAsync(fixture.JobAddress);
                await Expect(page.Locator("[data-state]").First).ToHaveTextAsync("Finished");
                await Expect(page.Locator("#job-items")).ToContainTextAsync("c403d91b21d2");
                break;
            case "not found":
                await page.GotoAsync("no/such/page");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
                break;
            case "cancel dialog":
                await page.GotoAsync($"customers/{Contoso}/orders");
                await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order 3b7e0d1c9a42" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("cannot be undone");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(view), view, "No such view.");
        }
    }
}
