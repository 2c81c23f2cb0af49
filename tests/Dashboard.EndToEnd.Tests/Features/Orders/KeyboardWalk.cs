using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Features.Orders;

/// <summary>Walks a page with the Tab key and describes each stop as the accessibility tree sees it.</summary>
internal static partial class KeyboardWalk
{
    /// <summary>
    /// Tabs through the whole page once, from the top, and returns each stop as "role \"name\"". The page starts with
    /// the focus on its heading, so the walk first tabs off the end of the page; the next Tab is the first stop.
    /// </summary>
    internal static async Task<List<string>> TabStopsAsync(IPage page)
    {
        for (var i = 0; await DescribeFocusedAsync(page) != "(nothing)"; i++)
        {
            i.ShouldBeLessThan(300, "the focus never left the page");
            await page.Keyboard.PressAsync("Tab");
        }

        var stops = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var described = await DescribeFocusedAsync(page);
            if (described == "(nothing)")
            {
                return stops;
            }

            stops.Add(described);
        }

        throw new ShouldAssertException("The focus never left the page after 300 tab stops.");
    }

    internal static async Task TabToAsync(IPage page, string stop)
    {
        var passed = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var described = await DescribeFocusedAsync(page);
            if (described == stop)
            {
                return;
            }

            passed.Add(described);
        }

        throw new ShouldAssertException($"Tab never reached {stop}; it passed:\n{string.Join("\n", passed.Distinct())}");
    }

    /// <summary>The focused element as the accessibility tree sees it: "role \"name\"", or just the role when it has no name.</summary>
    internal static async Task<string> DescribeFocusedAsync(IPage page)
    {
        if (await page.EvaluateAsync<bool>("() => document.activeElement === null || document.activeElement === document.body"))
        {
            return "(nothing)";
        }

        var first = (await page.Locator(":focus").AriaSnapshotAsync()).Split('\n')[0];
        var match = RoleAndName().Match(first);
        return match.Success
            ? match.Groups["name"].Success ? $"{match.Groups["role"].Value} \"{match.Groups["name"].Value}\"" : match.Groups["role"].Value
            : first.Trim();
    }

    // An aria snapshot line: - button "Cancel order 3b7e0d1c9a42"   or   - 'button "Completed: 4"': Completed 4
    [GeneratedRegex("""^\s*-\s*'?(?<role>[a-z]+)(?: "(?<name>(?:[^"\\]|\\.)*)")?""")]
    private static partial Regex RoleAndName();

    [GeneratedRegex("^[a-z]+ \".+\"$")]
    internal static partial Regex Named();
}
