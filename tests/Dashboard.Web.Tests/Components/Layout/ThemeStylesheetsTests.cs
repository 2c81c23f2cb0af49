using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Testing;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>
/// The theme's CSS is two static stylesheets, <c>wwwroot-assets/theme-light.css</c> and <c>theme-dark.css</c>, served
/// compressed, fingerprinted and cached like every asset, instead of MudThemeProvider's 13 KB style element, which every
/// circuit rebuilt on each render of the layout, kept twice in its render trees and sent down its WebSocket
/// (docs/performance.md#theme-stylesheets). They must stay what MudThemeProvider writes for <see cref="DashboardTheme"/>:
/// after a change to the theme or to MudBlazor, regenerate them with
/// <c>UPDATE_THEME_STYLESHEETS=1 dotnet test tests/Dashboard.Web.Tests --filter ThemeStylesheetsTests</c>.
/// </summary>
public sealed class ThemeStylesheetsTests : DashboardTestContext
{
    [Theory]
    [InlineData(false, "theme-light.css")]
    [InlineData(true, "theme-dark.css")]
    public void Stylesheet_IsWhatMudThemeProviderWritesForTheDashboardTheme(bool dark, string file)
    {
        var expected = Generated(dark);
        var path = Path.Combine(RepositoryFiles.Root, "wwwroot-assets", file);
        if (Environment.GetEnvironmentVariable("UPDATE_THEME_STYLESHEETS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.ReadAllText(path).ShouldBe(expected, $"{file} is out of date: run UPDATE_THEME_STYLESHEETS=1 dotnet test tests/Dashboard.Web.Tests --filter ThemeStylesheetsTests");
    }

    [Fact]
    public void DarkStylesheet_SetsTheDarkPalette()
    {
        Generated(dark: true).ShouldContain("--mud-palette-primary: rgba(144,180,224,1);");
        Generated(dark: false).ShouldNotContain("--mud-palette-primary: rgba(144,180,224,1);");
    }

    private string Generated(bool dark)
    {
        var provider = Render<MudThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, dark));
        var styles = provider.FindAll("style").Select(style => style.TextContent.Trim());
        return $"/* Generated: MudThemeProvider's CSS for DashboardTheme, {(dark ? "dark" : "light")}. Do not edit; see ThemeStylesheetsTests. */\n"
            + string.Join("\n", styles) + "\n";
    }
}
