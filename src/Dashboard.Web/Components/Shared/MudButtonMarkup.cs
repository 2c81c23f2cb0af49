using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// MudButton's markup, for plain buttons and links that stand in for MudButton components where a click is all they do
/// (docs/performance.md#light-layout): a component is kept twice in every circuit, an element is a few frames. The
/// classes are MudBlazor's own, so its styles (hover, focus, ripple, <c>:disabled</c>) apply. Callers keep icons in
/// static fields, shared by every circuit.
/// </summary>
internal static class MudButtonMarkup
{
    /// <summary>Variant.Outlined, Color.Default.</summary>
    public const string Outlined = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium mud-ripple";

    /// <summary>Variant.Filled, Color.Error.</summary>
    public const string FilledError = "mud-button-root mud-button mud-button-filled mud-button-filled-error mud-button-filled-size-medium mud-ripple";

    /// <summary>Variant.Text, Color.Default.</summary>
    public const string Text = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple";

    /// <summary>An icon before the label (StartIcon).</summary>
    public static MarkupString StartIcon(string icon) => Icon("mud-button-icon-start", icon);

    /// <summary>An icon after the label (EndIcon).</summary>
    public static MarkupString EndIcon(string icon) => Icon("mud-button-icon-end", icon);

    private static MarkupString Icon(string position, string icon) =>
        new($"<span class=\"{position} mud-button-icon-size-medium\">{MudIconMarkup.Medium(icon)}</span>");
}
