using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Access;

/// <summary>
/// Who may do what, in a real browser against the real app with the development sign-in: nobody gets in unsigned, a
/// reader has no usable cancel action, an operator cancels, and the pages run under the Content-Security-Policy.
/// </summary>
public sealed partial class AccessTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    [Fact]
    public async Task Anonymous_OpensAnOrdersPage_IsSentToSignInAndComesBackAfterwards()
    {
        var page = await host.NewAnonymousPageAsync();

        await page.GotoAsync($"customers/{Contoso}/orders");

        await Expect(page).ToHaveURLAsync(new Regex("/signin/development"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Riley Reader" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Olivia Operator" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/customers/{Contoso}/orders$"));
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
    }

    [Fact]
    public async Task Reader_OrdersAndDetails_ShowNoCancelActionAtAll()
    {
        var page = await host.NewPageAsync(signInAs: DevelopmentUser.Reader);

        await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Riley Reader · Reader");
        await Expect(page.Locator("#read-only-note")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = CancelOrder() })).ToHaveCountAsync(0);

        await page.GotoAsync($"customers/{Contoso}/orders/{SeedDocumentOrder}");
        await Expect(page.Locator("#fact-order-id")).ToHaveTextAsync(SeedDocumentOrder);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = CancelOrder() })).ToHaveCountAsync(0);
        (await host.ReadOrderFromEmulatorAsync(Contoso, SeedDocumentOrder)).GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Operator_OrdersPage_HasACancelActionPerOrder()
    {
        var page = await host.NewPageAsync(signInAs: DevelopmentUser.Operator);

        await page.GotoAsync($"customers/{Contoso}/orders");

        await Expect(page.Locator("#current-user")).ToContainTextAsync("Olivia Operator · Operator");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order 11fc4bdfd47a" })).ToBeEnabledAsync();
        await Expect(page.Locator("#read-only-note")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Operator_SignsOut_AndThePagesAskForSignInAgain()
    {
        var page = await host.NewPageAsync();
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Contoso Sandbox Lab");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/signed-out$"));
        await page.GotoAsync("customers");
        await Expect(page).ToHaveURLAsync(new Regex("/signin/development"));
    }

    [Fact]
    public async Task Pages_CarryTheSecurityHeadersAndRunWithoutAPolicyViolation()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync($"customers/{Contoso}/orders");
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order 11fc4bdfd47a" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep order" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("theme") }).ClickAsync();

        var headers = await response!.AllHeadersAsync();
        headers["content-security-policy"].ShouldContain("frame-ancestors 'none'");
        headers["content-security-policy"].ShouldContain("script-src 'self'");
        headers["x-content-type-options"].ShouldBe("nosniff");
        headers["referrer-policy"].ShouldBe("strict-origin-when-cross-origin");
        host.PolicyViolations.ShouldBeEmpty(string.Join("\n", host.PolicyViolations));
    }

    [GeneratedRegex("^Cancel order")]
    private static partial Regex CancelOrder();
}
