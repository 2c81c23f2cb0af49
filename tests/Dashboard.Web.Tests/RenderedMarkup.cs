using AngleSharp.Dom;

namespace Dashboard.Web.Tests;

/// <summary>Reads rendered markup the way a person reads the page: table rows and cells by DataLabel, text as shown.</summary>
internal static class RenderedMarkup
{
    public static IReadOnlyList<IElement> TableRows<T>(this IRenderedComponent<T> cut, string tableId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll($"#{tableId} tbody tr")];

    public static string Cell(this IElement row, string dataLabel) =>
        (row.QuerySelector($"td[data-label='{dataLabel}']") ?? throw new InvalidOperationException($"The row has no '{dataLabel}' cell."))
            .TextContent.Trim();

    /// <summary>Every piece of text inside the element, trimmed, in document order: exactly what it shows and nothing else.</summary>
    public static IReadOnlyList<string> TextPieces(this IElement element) =>
        [.. element.Descendants<IText>().Select(t => t.Data.Trim()).Where(t => t.Length > 0)];

    /// <summary>Text content with runs of whitespace collapsed.</summary>
    public static string VisibleText(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
