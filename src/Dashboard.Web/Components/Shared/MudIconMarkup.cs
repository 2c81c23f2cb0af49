using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// MudBlazor's icon markup, for the plain elements that stand in for MudBlazor components where nothing about them is
/// interactive beyond a click (docs/performance.md#light-layout): the layout's icon buttons, navigation links and
/// chips. Callers keep each icon in a static field: built once and shared by every circuit, whose render trees then hold
/// a reference, not a copy.
/// </summary>
internal static class MudIconMarkup
{
    /// <summary>MudIconButton's classes for an icon button in the colour of its surroundings (Color.Inherit), as in the app bar.</summary>
    public const string InheritIconButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary>A MudChip's leading icon.</summary>
    public static MarkupString ChipIcon(string icon) => Svg("mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", icon);

    public static MarkupString Medium(string icon) => Svg("mud-icon-root mud-svg-icon mud-icon-size-medium", icon);

    /// <summary>A medium icon with a class of the caller's besides MudBlazor's.</summary>
    public static MarkupString Medium(string icon, string extraClass) => Svg($"mud-icon-root mud-svg-icon mud-icon-size-medium {extraClass}", icon);

    public static MarkupString Svg(string classes, string icon) =>
        new($"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>");
}
