using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Jobs;

/// <summary>
/// A partner engineer clears out a sandbox in a real browser: every cancellable order of a customer as one job, then a
/// whole customer, deleted. The emulator starts each test from its bulk seed: two customers with 60 cancellable orders.
/// </summary>
public sealed class BulkJobsJourneyTests(DashboardHost host) : IClassFixture<DashboardHost>, IAsyncLifetime
{
    private const int OrdersPerCustomer = 60;

    public async ValueTask InitializeAsync() => await host.ResetEmulatorAsync("bulk");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SelectAllCancellableAndCancelAsAJob_ProgressReachesAHundredAndEveryRowReadsCancelled()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk Test Customer 0001", Exact = true }).ClickAsync();
        await Expect(page.Locator("#orders-shown")).ToHaveTextAsync($"{OrdersPerCustomer} orders");

        // All of them, across the table's pages (50 a page).
        await page.Locator("#select-all-cancellable").ClickAsync();
        await Expect(page.Locator("#selected-count")).ToHaveTextAsync($"{OrdersPerCustomer} orders selected");
        await page.Locator("#cancel-selected").ClickAsync();

        // The preview, then the typed confirmation.
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#bulk-cancel-totals")).ToContainTextAsync($"{OrdersPerCustomer} orders to cancel");
        await Expect(dialog.Locator("#start-bulk-cancel")).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "bulk-cancel-preview.png");
        await dialog.GetByLabel($"Type {OrdersPerCustomer} to confirm").FillAsync(OrdersPerCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.Locator("#start-bulk-cancel").ClickAsync();

        // The job's own page, live, until every order is accounted for.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("job-percent")).ToContainTextAsync("100 %", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-state]").First).ToHaveTextAsync("Finished");
        await Expect(page.Locator("[data-outcome=Cancelled]").First).ToHaveTextAsync($"Cancelled {OrdersPerCustomer}");
        await Screenshots.TakeAsync(page, "job.png");

        // Back on the orders page, every row reads cancelled.
        await page.GoBackAsync();
        await page.Locator("#refresh-orders").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Cancelled: {OrdersPerCustomer}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#select-all-cancellable")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task CleanUpACustomerWithDelete_TheCustomerIsGoneFromTheList()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("customers");
        await page.GetByLabel("Select Bulk Test Customer 0002").CheckAsync();
        await page.Locator("#cleanup-selected").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("cleanup-counts")).ToContainTextAsync($"{OrdersPerCustomer} orders to cancel");
        await Expect(dialog.GetByTestId("cleanup-deletable")).ToHaveTextAsync("Can be deleted once its orders are cancelled.");
        await dialog.GetByLabel("Cancel the orders and delete the customer").CheckAsync();
        await Expect(dialog.Locator("#start-cleanup")).ToBeDisabledAsync();
        await dialog.GetByLabel("Type Bulk Test Customer 0002 to confirm").FillAsync("Bulk Test Customer 0002");
        await Screenshots.TakeAsync(page, "cleanup-plan.png");
        await dialog.Locator("#start-cleanup").ClickAsync();

        await Expect(page.GetByTestId("job-percent")).ToContainTextAsync("100 %", new() { Timeout = 60_000 });
        await Expect(page.Locator("#job-items")).ToContainTextAsync("deleted");

        await page.GotoAsync("customers");
        await Expect(page.Locator("#customers-table")).ToContainTextAsync("Bulk Test Customer 0001");
        await Expect(page.Locator("#customers-table")).Not.ToContainTextAsync("Bulk Test Customer 0002");
    }
}
