using System.Text;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

/// <summary>
/// The orders table's per-column styles, as one style element for the page instead of attributes on each of its 500
/// cells (docs/performance.md#light-rows): the label of each line of a phone's order card (what MudBlazor's tables put
/// in every cell's data-label), the creation time on one line, the line count right-aligned. The columns are
/// <see cref="OrdersView.SortColumns"/>, after the selection column when the user can bulk-cancel.
/// </summary>
internal static class OrdersTableStyles
{
    private static readonly MarkupString WithSelection = Build(withSelection: true);
    private static readonly MarkupString WithoutSelection = Build(withSelection: false);

    public static MarkupString For(bool withSelection) => withSelection ? WithSelection : WithoutSelection;

    private static MarkupString Build(bool withSelection)
    {
        var cards = new StringBuilder();
        var columns = new StringBuilder();
        var offset = 1;
        if (withSelection)
        {
            cards.Append("#orders-table .light-rows>tr>td:nth-child(1)::before{content:\"Select\"}");
            offset = 2;
        }

        for (var i = 0; i < OrdersView.SortColumns.Count; i++)
        {
            var (label, title, _) = OrdersView.SortColumns[i];
            var cell = $"#orders-table .light-rows>tr>td:nth-child({i + offset})";
            cards.Append(cell).Append("::before{content:\"").Append(CssString(title)).Append("\"}");
            if (label == "created")
            {
                columns.Append(cell).Append("{white-space:nowrap}");
            }
            else if (label == "lines")
            {
                columns.Append(cell).Append("{text-align:right}");
            }
        }

        // The card labels apply where the table stacks into cards: below 960 px, MudBlazor's sm breakpoint.
        return new MarkupString($"<style>{columns}@media (max-width:960px){{{cards}}}</style>");
    }

    // A column title as the inside of a CSS string: the titles are the code's own constants, but a quote, a backslash
    // or a "<" (which could close the style element) would still be written as a CSS escape.
    private static string CssString(string text) =>
        string.Concat(text.Select(c => c is '"' or '\\' or '<' or '>' ? $"\\{(int)c:X} " : c.ToString()));
}
