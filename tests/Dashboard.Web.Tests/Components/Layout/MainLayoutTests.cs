using Dashboard.Web.Components.Layout;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>The frame around every page: navigation, the theme the user chose (kept in the browser) and the badge.</summary>
public sealed class MainLayoutTests : DashboardTestContext
{
    private const string ThemeKey = "sandbox-order-desk.theme";

    // The dark theme's stylesheet, which the layout adds (in the body, after the head's light one) when the theme is dark.
    private const string DarkStylesheet = "link#theme-dark[rel=stylesheet][href*='theme-dark']";

    [Fact]
    public void Render_Body_ShowsThePageInsideTheLayout()
    {
        var cut = RenderLayout();

        cut.Find(".mud-main-content").TextContent.ShouldContain("The page");
        cut.Find("#partner-center-target").TextContent.Trim().ShouldBe("Emulator");
    }

    [Fact]
    public void Render_NothingStored_OffersTheDarkTheme()
    {
        var cut = RenderLayout();

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the dark theme"));
        cut.FindAll(DarkStylesheet).ShouldBeEmpty();
    }

    [Fact]
    public void Render_DarkStored_StartsDark()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ThemeKey).SetResult("dark");

        var cut = RenderLayout();

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme"));
        cut.FindAll(DarkStylesheet).Count.ShouldBe(1);
    }

    [Fact]
    public void Render_NothingStoredAndTheSystemDark_StartsDark()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var cut = RenderLayout();

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme"));
        cut.FindAll(DarkStylesheet).Count.ShouldBe(1);
    }

    [Fact]
    public void Render_LightStoredAndTheSystemDark_StartsLight()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        JSInterop.Setup<string?>("localStorage.getItem", ThemeKey).SetResult("light");

        var cut = RenderLayout();

        cut.WaitForAssertion(() => _ = JSInterop.VerifyInvoke("localStorage.getItem"));
        cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the dark theme");
        cut.FindAll(DarkStylesheet).ShouldBeEmpty();
    }

    [Fact]
    public void ToggleTheme_FromLight_StoresDark()
    {
        var cut = RenderLayout();

        cut.Find("#toggle-theme").Click();

        StoredThemes().ShouldBe(["dark"]);
    }

    [Fact]
    public void ToggleTheme_FromLight_SwitchesToTheDarkPalette()
    {
        var cut = RenderLayout();

        cut.Find("#toggle-theme").Click();

        cut.WaitForAssertion(() => cut.FindAll(DarkStylesheet).Count.ShouldBe(1));
        cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme");
    }

    /// <summary>
    /// On a slow connection the stored theme is still being read when the user clicks the toggle; the click wins, and the
    /// late answer does not switch the page back.
    /// </summary>
    [Fact]
    public void ToggleTheme_BeforeTheStoredThemeIsRead_KeepsTheUsersChoice()
    {
        var stored = JSInterop.Setup<string?>("localStorage.getItem", ThemeKey);
        var cut = RenderLayout();
        cut.WaitForAssertion(() => _ = JSInterop.VerifyInvoke("localStorage.getItem"));

        cut.Find("#toggle-theme").Click();
        stored.SetResult("light");

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme"));
        cut.FindAll(DarkStylesheet).Count.ShouldBe(1);
        cut.Find("#toggle-theme").GetAttribute("data-theme").ShouldBe("dark");
        StoredThemes().ShouldBe(["dark"]);
    }

    [Fact]
    public void Render_BeforeTheStoredThemeIsRead_DoesNotClaimAThemeYet()
    {
        var stored = JSInterop.Setup<string?>("localStorage.getItem", ThemeKey);
        var cut = RenderLayout();
        cut.WaitForAssertion(() => _ = JSInterop.VerifyInvoke("localStorage.getItem"));

        cut.Find("#toggle-theme").HasAttribute("data-theme").ShouldBeFalse();
        stored.SetResult("dark");

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("data-theme").ShouldBe("dark"));
    }

    [Fact]
    public void ToggleTheme_Twice_StoresDarkThenLight()
    {
        var cut = RenderLayout();

        cut.Find("#toggle-theme").Click();
        cut.Find("#toggle-theme").Click();

        StoredThemes().ShouldBe(["dark", "light"]);
    }

    [Fact]
    public void ToggleTheme_FromStoredDark_StoresLight()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ThemeKey).SetResult("dark");
        var cut = RenderLayout();
        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme"));

        cut.Find("#toggle-theme").Click();

        StoredThemes().ShouldBe(["light"]);
    }

    [Fact]
    public void ToggleTheme_StorageRefused_StillSwitchesForThisSession()
    {
        JSInterop.SetupVoid("localStorage.setItem", _ => true).SetException(new JSException("The storage is not available."));
        var cut = RenderLayout();

        cut.Find("#toggle-theme").Click();

        cut.WaitForAssertion(() => cut.Find("#toggle-theme").GetAttribute("aria-label").ShouldBe("Switch to the light theme"));
        cut.Markup.ShouldNotContain("The storage is not available.");
    }

    [Fact]
    public void ToggleNavigation_Click_OpensOrClosesTheDrawerAndSaysWhich()
    {
        var cut = RenderLayout();
        var wasOpen = cut.Find("#toggle-navigation").GetAttribute("aria-expanded") == "true";
        cut.Find(".mud-drawer").ClassList.Contains("mud-drawer--open").ShouldBe(wasOpen);

        cut.Find("#toggle-navigation").Click();

        cut.WaitForAssertion(() => cut.Find("#toggle-navigation").GetAttribute("aria-expanded").ShouldBe(wasOpen ? "false" : "true"));
        cut.Find(".mud-drawer").ClassList.Contains("mud-drawer--open").ShouldBe(!wasOpen);
    }

    [Fact]
    public void Scrim_Click_ClosesTheDrawer()
    {
        var cut = RenderLayout();
        cut.FindAll("#navigation-scrim").ShouldBeEmpty();
        cut.Find("#toggle-navigation").Click();

        cut.Find("#navigation-scrim").Click();

        cut.Find("#toggle-navigation").GetAttribute("aria-expanded").ShouldBe("false");
        cut.Find("#navigation").ClassList.ShouldContain("mud-drawer--closed");
        cut.FindAll("#navigation-scrim").ShouldBeEmpty();
    }

    [Fact]
    public void Navigate_WithTheDrawerOpen_ClosesItOverTheNewPage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("customers");
        var cut = RenderLayout();
        cut.Find("#toggle-navigation").Click();
        cut.Find("#navigation").ClassList.ShouldContain("mud-drawer--open");

        // The router renders the layout again, with the new page, on every navigation.
        navigation.NavigateTo("jobs");
        cut.Render(parameters => parameters.Add(p => p.Body, (RenderFragment)(body => body.AddContent(0, "The next page"))));

        cut.Find(".mud-main-content").TextContent.ShouldContain("The next page");
        cut.Find("#navigation").ClassList.ShouldContain("mud-drawer--closed");
        cut.Find("#toggle-navigation").GetAttribute("aria-expanded").ShouldBe("false");
    }

    [Fact]
    public void Navigate_ToANewQueryOfTheSamePage_KeepsTheDrawerOpen()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("customers");
        var cut = RenderLayout();
        cut.Find("#toggle-navigation").Click();

        // A search or a sort writes the page's address again (replace), which renders the layout again.
        navigation.NavigateTo("customers?q=Contoso", replace: true);
        cut.Render(parameters => parameters.Add(p => p.Body, (RenderFragment)(body => body.AddContent(0, "The page, searched"))));

        cut.Find("#navigation").ClassList.ShouldContain("mud-drawer--open");
        cut.Find("#toggle-navigation").GetAttribute("aria-expanded").ShouldBe("true");
    }

    [Fact]
    public void Render_Layout_EveryActionHasAnAccessibleName()
    {
        var cut = RenderLayout();

        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("customers", "Customers")]
    [InlineData("customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders?status=Pending", "Customers")]
    [InlineData("jobs/42", "Jobs")]
    [InlineData("activity", "Activity")]
    [InlineData("customersx", null)]
    public void Render_Page_MarksTheLinkOfItsSectionAsCurrent(string address, string? current)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = RenderLayout();

        var links = cut.FindAll("nav.mud-navmenu a");
        links.Select(a => a.TextContent).ShouldBe(["Customers", "Jobs", "Activity"]);
        links.Where(a => a.ClassList.Contains("active")).Select(a => a.TextContent).ShouldBe(current is null ? [] : [current]);
        links.Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.TextContent).ShouldBe(current is null ? [] : [current]);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(p => p.Body, (RenderFragment)(body => body.AddContent(0, "The page"))));

    private List<string?> StoredThemes() =>
    [
        .. JSInterop.Invocations["localStorage.setItem"].Select(call =>
        {
            call.Arguments[0].ShouldBe(ThemeKey);
            return call.Arguments[1] as string;
        }),
    ];
}
