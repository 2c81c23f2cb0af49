using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Features.Accessibility;

/// <summary>axe-core with the WCAG 2.1 A and AA rules, and a report of what it found that says what to fix where.</summary>
internal static class Axe
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Runs axe on the page once it has settled: no transition or finite animation still running (a theme switch fades
    /// colours in, a dialog fades in), so that the contrast axe measures is the one a person reads.
    /// </summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
                .map(a => a.finished.catch(() => undefined)))
            """);
        return await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
    }

    /// <summary>Each violation: rule id, impact and help, then each element's selector, what is wrong with it, and its markup.</summary>
    public static string Report(AxeResult result)
    {
        var report = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{violation.Id} ({violation.Impact}, {violation.Nodes.Length} {(violation.Nodes.Length == 1 ? "element" : "elements")}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {node.Target}");
                report.AppendLine(CultureInfo.InvariantCulture, $"    {Summary(node)}");
                report.AppendLine(CultureInfo.InvariantCulture, $"    {Shorten(node.Html)}");
            }
        }

        return report.ToString();
    }

    /// <summary>How many elements violate any rule.</summary>
    public static int ViolatingElements(AxeResult result) => result.Violations.Sum(v => v.Nodes.Length);

    // What axe found wrong with the element: for a violation, the checks listed are the ones that failed (any of the
    // "any" checks would have passed it; each "all" and "none" check listed is one it broke).
    private static string Summary(AxeResultNode node) =>
        string.Join(" / ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)));

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
