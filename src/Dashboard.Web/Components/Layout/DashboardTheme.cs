using MudBlazor;

namespace Dashboard.Web.Components.Layout;

internal static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1E3A5F",
            Secondary = "#E0702A",
            AppbarBackground = "#1E3A5F",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90B4E0",
            Secondary = "#F0A060",
            AppbarBackground = "#16293F",
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
