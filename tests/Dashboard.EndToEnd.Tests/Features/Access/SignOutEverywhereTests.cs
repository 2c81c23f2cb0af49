using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Access;

/// <summary>
/// Rights end when they should: signing out in one tab ends the session of every tab of that browser. A page still
/// open elsewhere cannot cancel any more; it loses its user and goes to sign-in. A host of its own, so that the cancel
/// this test tries (and which must be refused) can never touch another test's orders.
/// </summary>
public sealed class SignOutEverywhereTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    [Fact]
    public async Task Cancel_InATabOpenedBeforeASignOutInAnotherTab_IsRefusedAndSendsThatTabToSignIn()
    {
        var ordersTab = await host.NewPageAsync();
        await ordersTab.GotoAsync($"customers/{Contoso}/orders");
        await Expect(ordersTab.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");
        var otherTab = await ordersTab.Context.NewPageAsync();
        await otherTab.GotoAsync("customers");
        await Expect(otherTab.Locator("#current-user")).ToBeVisibleAsync();

        await otherTab.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(otherTab).ToHaveURLAsync(new Regex("/signed-out$"));
        await ordersTab.GetByRole(AriaRole.Button, new() { Name = "Cancel order 11fc4bdfd47a" }).ClickAsync();
        await ordersTab.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Expect(ordersTab).ToHaveURLAsync(new Regex("/signin/development"));
        (await host.ReadOrderFromEmulatorAsync(Contoso, SeedDocumentOrder)).GetProperty("status").GetString().ShouldBe("completed");
    }
}
