using AngleSharp.Dom;

namespace Dashboard.Web.Tests;

/// <summary>Reads rendered markup the way a person reads the page: table rows and cells by DataLabel, text as shown.</summary>
internal static class RenderedMarkup
{
    public static IReadOnlyList<IElement> TableRows<T>(this IRenderedComponent<T> cut, string tableId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll($"#{tableId} tbody tr")];

    /// <summary>
    /// Finds an element and clicks it in one turn of the renderer. A render between a Find and a Click (a component
    /// rendering itself again after the page did) gives the element a new event handler, and the click, sent to the old
    /// one, is lost without a word; here no render can come between.
    /// </summary>
    public static Task ClickAtOnceAsync<T>(this IRenderedComponent<T> cut, string selector)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Click());

    /// <summary>
    /// Waits until the orders page shows its rows: the page renders its skeleton first, and the table with its rows
    /// once the orders are read. Not for use inside another wait.
    /// </summary>
    public static void WaitForOrderRows<T>(this IRenderedComponent<T> cut)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.WaitForAssertion(() => cut.Find("#orders-shown").TextContent.ShouldNotBeNullOrWhiteSpace());

    public static string Cell(this IElement row, string column) => CellOf(row, column).TextContent.Trim();

    /// <summary>
    /// What a sighted person reads in the cell: its text without the parts only a screen reader announces (.sr-only, and
    /// a reason shown only as a tooltip on hover, .why &gt; span).
    /// </summary>
    public static string ShownCell(this IElement row, string column) =>
        string.Concat(CellOf(row, column).Descendants<IText>().Where(t => t.ParentElement?.Closest(HiddenUntilRead) is null).Select(t => t.Data)).Trim();

    /// <summary>What a screen reader announces in addition to the shown text of the cell (see <see cref="ShownCell"/>), or "".</summary>
    public static string ScreenReaderOnlyText(this IElement row, string column) =>
        string.Concat(CellOf(row, column).QuerySelectorAll(HiddenUntilRead).Select(e => e.TextContent)).Trim();

    private const string HiddenUntilRead = ".sr-only, .why > span";

    /// <summary>
    /// The row's cell in a column, found as a person finds it: under the column's header (its text, e.g. "Created (UTC)",
    /// or its screen-reader label, e.g. "Select"). MudBlazor's tables also label each cell (data-label), which is used
    /// when present; the orders table's light rows do not (docs/performance.md#light-rows).
    /// </summary>
    private static IElement CellOf(IElement row, string column)
    {
        if (row.QuerySelector($"td[data-label='{column}']") is { } labelled)
        {
            return labelled;
        }

        var headers = row.Closest("table")?.QuerySelectorAll("thead th").ToList() ?? [];
        var index = headers.FindIndex(th => th.TextContent.Trim() == column);
        var cells = row.Children.Where(c => c.LocalName == "td").ToList();
        return index >= 0 && index < cells.Count ? cells[index] : throw new InvalidOperationException($"The row has no '{column}' cell.");
    }

    /// <summary>Every piece of text inside the element, trimmed, in document order: exactly what it shows and nothing else.</summary>
    public static IReadOnlyList<string> TextPieces(this IElement element) =>
        [.. element.Descendants<IText>().Select(t => t.Data.Trim()).Where(t => t.Length > 0)];

    /// <summary>
    /// The controls a person can act on (buttons, links, inputs, anything focusable) that a screen reader would announce
    /// without a name: no aria-label, no aria-labelledby text, no label, no title and no text of their own. Each is described
    /// by its opening tag, so that a failure says which one.
    /// </summary>
    public static IReadOnlyList<string> ControlsWithoutAName<T>(this IRenderedComponent<T> cut)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        const string Controls = "button, a[href], [role=button], [role=link], [role=checkbox], [role=combobox], "
            + "input:not([type=hidden]), select, textarea";
        var labels = cut.FindAll("label");
        var named = cut.FindAll("[id]").Where(e => Said(e.TextContent)).Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);

        bool HasName(IElement control) =>
            Said(control.GetAttribute("aria-label"))
            || Said(control.GetAttribute("title"))
            || Said(control.TextContent)
            || (control.GetAttribute("aria-labelledby")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(named.Contains) ?? false)
            || (control.Closest("label") is { } wrapping && Said(wrapping.TextContent))
            || (control.Id is { Length: > 0 } id && labels.Any(l => l.GetAttribute("for") == id && Said(l.TextContent)));

        // Anything else a person can tab to and act on (a clickable div, say); not the focus trap's empty sentinels.
        var actionable = cut.FindAll("[tabindex]:not([tabindex='-1'])")
            .Where(e => e.Attributes.Any(a => a.Name is "blazor:onclick" or "blazor:onkeydown"));

        // MudTablePager's rows-per-page select (activity and jobs pages) is named by the pager's caption
        // (aria-labelledby) only once MudBlazor's script has run; bUnit runs no script, so it is left to the browser tests
        // (KeyboardTests). The orders page's own pager is plain markup and is checked here.
        bool IsPagerSelect(IElement control) => control.Closest(".mud-table-pagination .mud-select") is not null;

        return [.. cut.FindAll(Controls).Concat(actionable).Distinct().Where(c => !HasName(c) && !IsPagerSelect(c)).Select(c => c.OuterHtml.Split('>')[0] + ">")];
    }

    private static bool Said(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>Text content with runs of whitespace collapsed.</summary>
    public static string VisibleText(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
