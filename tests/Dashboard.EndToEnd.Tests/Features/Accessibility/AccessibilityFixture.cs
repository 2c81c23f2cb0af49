using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Accessibility;

/// <summary>
/// The dashboard with something on every page: from the demo seed, one of Fabrikam's orders is cancelled through a bulk
/// job, so that its orders page shows all three statuses, the order has a history, the activity log has entries and
/// there is a finished job to look at.
/// </summary>
public sealed class AccessibilityFixture : IAsyncLifetime
{
    public const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    public const string Fabrikam = "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13";
    public const string CancelledByTheJob = "2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1";

    public DashboardHost Host { get; } = new();

    /// <summary>The finished job's page, relative to the dashboard's address.</summary>
    public string JobAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Host.InitializeAsync();
        var page = await Host.NewPageOfTheSignedInOperatorAsync();
        await page.GotoAsync($"customers/{Fabrikam}/orders");
        await page.Locator($"#select-order-{CancelledByTheJob}").CheckAsync();
        await Expect(page.Locator("#selected-count")).ToHaveTextAsync("1 order selected");
        await page.Locator("#cancel-selected").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).Locator("#start-bulk-cancel").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/jobs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-state]").First).ToHaveTextAsync("Finished", new() { Timeout = 60_000 });
        JobAddress = new Uri(page.Url).AbsolutePath.TrimStart('/');
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
