using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The dashboard's colours. Every colour that text is written in, or on, reads at 4.5:1 or more (WCAG 2.1 AA) against
/// its background, in both palettes; the end-to-end axe tests keep it so. MudBlazor writes a status colour both as text
/// on the page (outlined chips, text buttons) and as the background of its contrast text (filled chips, buttons,
/// badges), so each status colour is chosen for both: dark shades with white text in the light palette, light shades
/// with near-black text in the dark one. The app does not render it: MudThemeProvider's CSS for it is generated into
/// the static stylesheets <c>wwwroot-assets/theme-light.css</c> and <c>theme-dark.css</c>, and ThemeStylesheetsTests keeps
/// them in step (docs/performance.md#theme-stylesheets).
/// </summary>
internal static class DashboardTheme
{
    private const string White = "#FFFFFF";
    private const string NearBlack = "#1A1A1A";

    public static MudTheme Theme { get; } = new()
    {
        // Each status colour as text on white (the light surface); white text on the colour reads at the same ratio.
        PaletteLight = new PaletteLight
        {
            Primary = "#1E3A5F", // 11.5:1
            Secondary = "#A34712", // 6.1:1
            Info = "#1565C0", // 5.8:1
            Success = "#2E7D32", // 5.1:1
            Warning = "#B45309", // 5.0:1
            Error = "#C62828", // 5.6:1
            PrimaryContrastText = White,
            SecondaryContrastText = White,
            InfoContrastText = White,
            SuccessContrastText = White,
            WarningContrastText = White,
            ErrorContrastText = White,
            TextSecondary = "rgba(0,0,0,0.62)", // #616161: 6.2:1, 6.0:1 on a hovered row
            AppbarBackground = "#1E3A5F",
            AppbarText = White, // 11.5:1
        },
        // Each colour as text on MudBlazor's dark surface (#373740, the lighter of its two dark backgrounds), and its
        // contrast text on the colour.
        PaletteDark = new PaletteDark
        {
            Primary = "#90B4E0", // 5.5:1
            Secondary = "#F0A060", // 5.6:1
            Info = "#90CAF9", // 6.7:1
            Success = "#81C784", // 5.9:1
            Warning = "#FFA800", // 6.2:1
            Error = "#FF8A80", // 5.2:1
            PrimaryContrastText = "#0B1A2C", // 8.2:1 on Primary
            SecondaryContrastText = NearBlack, // 8.2:1 on Secondary
            InfoContrastText = NearBlack, // 10:1 on Info
            SuccessContrastText = NearBlack, // 8.7:1 on Success
            WarningContrastText = NearBlack, // 9:1 on Warning
            ErrorContrastText = NearBlack, // 7.6:1 on Error
            TextSecondary = "rgba(255,255,255,0.6)", // 5.4:1 (MudBlazor's 0.5 reads at 4.25:1)
            AppbarBackground = "#16293F",
            AppbarText = White, // 14.8:1
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
