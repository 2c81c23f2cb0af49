using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// Times taken inside the page, on the browser's own clock, so that Playwright's polling and round trips add nothing:
/// from the user's event (the click's or the input's, seen by a capturing listener) or from the navigation's start
/// (<c>performance.timeOrigin</c>) to the frame after the DOM shows the result (a MutationObserver sees the change; the
/// time is taken after the next animation frame, i.e. once it is painted).
/// </summary>
/// <remarks>
/// Only stable hooks: a data row is a <c>#orders-table tbody tr</c> with at least three cells (not the "no match" row),
/// the first one's text is "the first row", and <c>#orders-shown</c>'s text is the count of what is shown.
/// </remarks>
internal static class PageProbe
{
    public const string FirstRow = "firstRow";
    public const string Shown = "shown";

    /// <summary>Added to every document of a context before its own scripts.</summary>
    public const string Script = """
        (() => {
          const afterPaint = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
          const dataRow = () => {
            for (const tr of document.querySelectorAll('#orders-table tbody tr')) {
              if (tr.querySelectorAll('td').length >= 3) return tr;
            }
            return null;
          };
          const reads = {
            firstRow: () => dataRow()?.innerText ?? null,
            shown: () => document.querySelector('#orders-shown')?.innerText.trim() || null,
          };
          const bench = window.__bench = {};
          bench.firstRow = new Promise(resolve => {
            const observer = new MutationObserver(() => {
              if (dataRow() === null) return;
              observer.disconnect();
              const dom = performance.now();
              afterPaint().then(() => {
                const painted = performance.now();
                resolve({ dom, painted, epoch: performance.timeOrigin + painted });
              });
            });
            observer.observe(document, { childList: true, subtree: true });
          });
          bench.arm = ([eventType, watch, timeout]) => {
            const read = reads[watch];
            const before = read();
            let start = null;
            window.addEventListener(eventType, () => { start ??= performance.now(); }, { capture: true, once: true });
            bench.pending = new Promise(resolve => {
              const observer = new MutationObserver(() => {
                if (start === null) return;
                const now = read();
                if (now === null || now === before) return;
                observer.disconnect();
                clearTimeout(timer);
                const dom = performance.now();
                afterPaint().then(() => resolve({ start, dom, painted: performance.now() }));
              });
              observer.observe(document, { childList: true, subtree: true, characterData: true });
              const timer = setTimeout(() => { observer.disconnect(); resolve({ start, timedOut: true }); }, timeout);
            });
          };
        })();
        """;

    /// <summary>When the first data row of this document was painted: milliseconds since the navigation started, and the wall clock.</summary>
    public static async Task<(double SinceNavigation, double EpochMilliseconds)?> FirstRowAsync(IPage page, int timeoutMs = 180_000)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            "t => Promise.race([window.__bench.firstRow, new Promise(r => setTimeout(() => r(null), t))])", timeoutMs);
        return result.ValueKind == JsonValueKind.Object
            ? (result.GetProperty("painted").GetDouble(), result.GetProperty("epoch").GetDouble())
            : null;
    }

    /// <summary>
    /// Arms the probe for the next <paramref name="eventType"/> event, runs <paramref name="action"/>, and answers the
    /// milliseconds from that event until the <paramref name="watch"/> text changed and was painted; null when it did not
    /// change within <paramref name="timeoutMs"/>.
    /// </summary>
    public static async Task<double?> MeasureAsync(IPage page, string eventType, string watch, Func<Task> action, int timeoutMs = 30_000)
    {
        await page.EvaluateAsync("a => window.__bench.arm(a)", new object[] { eventType, watch, timeoutMs });
        await action();
        var result = await page.EvaluateAsync<JsonElement>("() => window.__bench.pending");
        if (result.TryGetProperty("timedOut", out _) || result.GetProperty("start").ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return result.GetProperty("painted").GetDouble() - result.GetProperty("start").GetDouble();
    }
}
