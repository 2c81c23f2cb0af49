using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>
/// Two dashboard processes on one PostgreSQL database and one Redis, each with a browser signed in: an order cancelled
/// in instance A's page shows as cancelled in instance B's, although B had the customer's orders in a snapshot kept for
/// an hour; and B's activity page shows A's cancel.
/// </summary>
public sealed class CrossInstanceCancelTests : IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";

    // Null until started: xUnit disposes the class even when its start failed half-way (DisposeAsync checks).
    private SharedInstances _shared = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _shared = await SharedInstances.StartAsync(new Dictionary<string, string> { ["Emulator__Seed"] = "demo" });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }
    }

    [Fact]
    public async Task CancelInA_ShowsCancelledInBsPagesAndActivity()
    {
        // Snapshots kept for an hour: only the notice from A can make B read the customer's orders again.
        var settings = new Dictionary<string, string> { ["Orders__SnapshotSeconds"] = "3600" };
        var (_, addressOfA) = await _shared.StartDashboardAsync(settings);
        var (_, addressOfB) = await _shared.StartDashboardAsync(settings);
        var pageOfB = await SignedInPageAsync(addressOfB);
        await pageOfB.GotoAsync($"customers/{Contoso}/orders");
        await Expect(StatusOf(pageOfB)).ToHaveTextAsync("Completed");

        var pageOfA = await SignedInPageAsync(addressOfA);
        await pageOfA.GotoAsync($"customers/{Contoso}/orders");
        await pageOfA.GetByRole(AriaRole.Button, new() { Name = "Cancel order 3b7e0d1c9a42" }).ClickAsync();
        await pageOfA.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(StatusOf(pageOfA)).ToHaveTextAsync("Cancelled");

        // The notice travels through Redis while A answers its user: B is looked at again until it has arrived.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await pageOfB.ReloadAsync();
            await Expect(pageOfB.Locator("#orders-table")).ToContainTextAsync("3b7e0d1c9a42");
        }
        while (await StatusOf(pageOfB).InnerTextAsync() != "Cancelled" && DateTime.UtcNow < deadline);
        await Expect(StatusOf(pageOfB)).ToHaveTextAsync("Cancelled");

        await pageOfB.GotoAsync($"activity?order={ReservedInstanceOrder}");
        var row = pageOfB.Locator("#activity-table tbody tr", new() { HasText = ReservedInstanceOrder });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Cancel order");
        await Expect(row).ToContainTextAsync("Applied");
        (await _shared.ChangesAsync()).ShouldHaveSingleItem().OrderId.ShouldBe(ReservedInstanceOrder);
    }

    private static ILocator StatusOf(IPage page) =>
        page.Locator("#orders-table tr", new() { Has = page.Locator($"#order-link-{ReservedInstanceOrder}") }).Locator(".order-status-chip");

    private async Task<IPage> SignedInPageAsync(Uri instance)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = instance.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("signin/development?returnUrl=/customers");
        await page.Locator($"#sign-in-{DevelopmentUser.Operator}").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
        return page;
    }
}
