using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.BadInput;

/// <summary>
/// Malformed ids and query strings typed or pasted into the address bar of the real app, in Chromium: each gets a
/// clear answer (a not-found page with its message, or the page in its default view), and none shows the page error
/// boundary or leaves a dead circuit: after each one the page still answers a click.
/// </summary>
public sealed class BadAddressTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string Orders = $"customers/{Contoso}/orders";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    /// <summary>An address, and what a clear answer to it shows.</summary>
    public static TheoryData<string, string> Addresses => new()
    {
        { "customers?q=" + new string('A', 3000), "at most 256 characters" },
        { "customers?q=%00%01%02", "No customer's company name starts with" },
        { "customers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "No customer's company name starts with" },
        { "customers?q=%27%20OR%201%3D1%20--", "No customer's company name starts with" },
        { "customers?q=%E2%80%AE%F0%9F%92%A5", "No customer's company name starts with" },
        { "customers?q=%ZZ%", "No customer's company name starts with" },
        { "customers/not-a-guid/orders", "is not a customer id" },
        { "customers/%20/orders", "is not a customer id" },
        { "customers/%3Cimg%20src%3Dx%3E/orders", "is not a customer id" },
        { "customers/00000000-0000-0000-0000-000000000000/orders", "Customer not found" },
        { $"customers/{{{Contoso.ToUpperInvariant()}}}/orders", "11fc4bdfd47a" },
        { $"{Orders}?status=Nope", "11fc4bdfd47a" },
        { $"{Orders}?billing=%00", "11fc4bdfd47a" },
        { $"{Orders}?type=42", "11fc4bdfd47a" },
        { $"{Orders}?page=-5", "11fc4bdfd47a" },
        { $"{Orders}?page=99999999999999999999", "11fc4bdfd47a" },
        { $"{Orders}?page=2147483647", "11fc4bdfd47a" },
        { $"{Orders}?size=7", "11fc4bdfd47a" },
        { $"{Orders}?size=abc&desc=maybe", "11fc4bdfd47a" },
        { $"{Orders}?sort=__proto__&desc=true", "11fc4bdfd47a" },
        { $"{Orders}?q=" + new string('x', 3000), "Clear the filters" },
        { $"{Orders}?q=%00", "11fc4bdfd47a" },          // a search of control characters only is no search
        { $"{Orders}?status=Cancelled&status=Completed&q=a&q=b", "Clear the filters" },
        { $"{Orders}?page=2&size=250&status=Cancelled&billing=Monthly&type=Unknown&q=%F0%9F%92%A5&sort=lines&desc=true", "Clear the filters" },
        { $"{Orders}/" + new string('A', 65), "is not an order id" },
        { $"{Orders}/%3Cscript%3E", "is not an order id" },
        { $"{Orders}/..%2F..%2Fetc%2Fpasswd", "is not an order id" },
        { $"{Orders}/unknown-order-id", "Order not found" },
        { $"{Orders}/{SeedDocumentOrder}?foo=bar&foo=baz", SeedDocumentOrder },
        { "no/such/page", "There is no page at this address" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Open_MalformedAddress_GetsAClearAnswerAndAPageThatStillAnswers(string address, string shown)
    {
        var page = await host.NewPageOfTheSignedInOperatorAsync();

        await page.GotoAsync(address);

        await Expect(page.Locator("main, .mud-main-content").First).ToContainTextAsync(shown);
        await ExpectAClearAnswerFromALiveCircuitAsync(page);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TypeInSearchBoxes_OversizedAndOddText_FiltersToNothingAndThePageStillAnswers()
    {
        var page = await host.NewPageOfTheSignedInOperatorAsync();
        await page.GotoAsync(Orders);
        await Expect(page.Locator("#orders-table")).ToContainTextAsync("11fc4bdfd47a");

        await page.Locator("#order-search").FillAsync(new string('%', 10_000) + "\u0000\u202E<script>");

        await Expect(page.GetByText("Clear the filters")).ToBeVisibleAsync();
        await ExpectAClearAnswerFromALiveCircuitAsync(page);
        await page.GotoAsync("customers");
        await page.Locator("#customer-search").FillAsync(new string('é', 5_000));
        await Expect(page.GetByText("No customer's company name starts with")).ToBeVisibleAsync();
        await ExpectAClearAnswerFromALiveCircuitAsync(page);
        await page.CloseAsync();
    }

    /// <summary>No error boundary, no reconnect dialog, and a click still changes the page: the circuit lives.</summary>
    private static async Task ExpectAClearAnswerFromALiveCircuitAsync(IPage page)
    {
        await Expect(page.GetByText("Something went wrong on this page")).ToHaveCountAsync(0);
        await Expect(page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
        var toggle = page.Locator("#toggle-theme");
        // Until the layout has read the stored theme, the page shows the light one, and then may switch by itself;
        // the label is read once the theme is the user's (the toggle says which in data-theme).
        await Expect(toggle).ToHaveAttributeAsync("data-theme", new Regex("^(light|dark)$"));
        var before = await toggle.GetAttributeAsync("aria-label");
        await toggle.ClickAsync();
        await Expect(toggle).Not.ToHaveAttributeAsync("aria-label", before!);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }
}
