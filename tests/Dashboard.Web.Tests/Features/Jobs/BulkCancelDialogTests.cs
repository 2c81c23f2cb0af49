using AngleSharp.Dom;
using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Jobs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>
/// The preview of a bulk cancel on its own: what will be sent, what is skipped and why, the totals and the estimate; from
/// ten orders the number must be typed before the cancel can be confirmed.
/// </summary>
public sealed class BulkCancelDialogTests : DashboardTestContext
{
    private const string TooOld = "This order was placed more than 60 days ago; Partner Center no longer cancels it.";

    private static readonly BulkCancelPlan TwoToSendTwoSkipped = JobSamples.Preview(
        [Sandbox.SoftwareOrder, Sandbox.AnnualOrder],
        JobSamples.Skipped(Sandbox.NewCommerceOrder, CancelBlock.CancelThroughSubscription, "New-commerce orders are cancelled through their subscriptions, not by order."),
        JobSamples.Skipped(Sandbox.PerpetualSoftwareOrder, CancelBlock.WindowPassed, TooOld));

    private readonly MudProviders _providers;

    public BulkCancelDialogTests() => _providers = RenderMudProviders();

    [Fact]
    public async Task Show_Plan_AsksToCancelTheOrdersToSendOfTheCustomer()
    {
        await ShowAsync(TwoToSendTwoSkipped);

        _providers.Dialogs.WaitForElement("#bulk-cancel-title").TextContent.ShouldBe("Cancel 2 orders of Contoso Ltd?");
    }

    [Fact]
    public async Task Show_Plan_ListsEachOrderToSendWithItsProducts()
    {
        await ShowAsync(TwoToSendTwoSkipped);

        Rows("bulk-cancel-send").Select(Cells).ShouldBe(
        [
            ["7f6a5b4c3d2e", "Windows Server 2022 Datacenter, Visual Studio Professional, Project Professional 2021", "2026-11-24 09:15"],
            ["1a2b3c4d5e6f", "Microsoft 365 E3, Power BI Pro", "2026-11-20 14:05"],
        ]);
    }

    [Fact]
    public async Task Show_Plan_ListsEachSkippedOrderWithItsReason()
    {
        await ShowAsync(TwoToSendTwoSkipped);

        var skipped = Rows("bulk-cancel-skipped");
        skipped.Select(Cells).ShouldBe(
        [
            ["0a1b2c3d4e5f", "New-commerce orders are cancelled through their subscriptions, not by order."],
            [Sandbox.PerpetualSoftwareOrder.Id, TooOld],
        ]);
        skipped.Select(r => r.GetAttribute("data-block")).ShouldBe(["CancelThroughSubscription", "WindowPassed"]);
    }

    [Fact]
    public async Task Show_Plan_GivesTheTotalsAndTheEstimate()
    {
        await ShowAsync(TwoToSendTwoSkipped);

        _providers.Dialogs.WaitForElement("#bulk-cancel-totals").VisibleText()
            .ShouldBe("2 orders to cancel · 2 orders skipped · about 1 min 15 s at 60 requests per minute");
    }

    [Fact]
    public async Task Show_NothingSkipped_ShowsNoSkippedTable()
    {
        await ShowAsync(JobSamples.Preview([Sandbox.SoftwareOrder]));

        _providers.Dialogs.WaitForElement("#bulk-cancel-send");
        _providers.Dialogs.FindAll("#bulk-cancel-skipped").ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_EverythingSkipped_DisablesTheCancel()
    {
        await ShowAsync(JobSamples.Preview([], JobSamples.Skipped(Sandbox.NewCommerceOrder, CancelBlock.CancelThroughSubscription, "Through its subscription.")));

        StartButton().HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Show_NineOrders_EnablesTheCancelAtOnceWithoutAskingToType()
    {
        await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(9)));

        StartButton().HasAttribute("disabled").ShouldBeFalse();
        _providers.Dialogs.FindAll("#bulk-cancel-typed").ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_TenOrders_DisablesTheCancelUntilTheNumberIsTyped()
    {
        await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(10)));

        StartButton().HasAttribute("disabled").ShouldBeTrue();
        _providers.Dialogs.Find("label[for='bulk-cancel-typed']").TextContent.Trim().ShouldBe("Type 10 to confirm");
    }

    [Theory]
    [InlineData("9")]
    [InlineData("1")]
    [InlineData("100")]
    [InlineData("ten")]
    [InlineData("")]
    public async Task Type_WrongNumber_KeepsTheCancelDisabled(string typed)
    {
        await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(10)));

        _providers.Dialogs.Find("#bulk-cancel-typed").Input(typed);

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("#bulk-cancel-typed").GetAttribute("value").ShouldBe(typed));
        StartButton().HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Type_TheExactNumber_EnablesTheCancel()
    {
        await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(12)));

        _providers.Dialogs.Find("#bulk-cancel-typed").Input("12");

        _providers.Dialogs.WaitForAssertion(() => StartButton().HasAttribute("disabled").ShouldBeFalse());
    }

    [Fact]
    public async Task StartClick_NumberTyped_AnswersOk()
    {
        var dialog = await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(10)));
        _providers.Dialogs.Find("#bulk-cancel-typed").Input(" 10 ");

        _providers.Dialogs.WaitForAssertion(() => StartButton().HasAttribute("disabled").ShouldBeFalse());
        StartButton().Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeFalse();
    }

    [Fact]
    public async Task KeepOrders_Click_AnswersCanceled()
    {
        var dialog = await ShowAsync(TwoToSendTwoSkipped);

        _providers.Dialogs.Find("#keep-orders").Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeTrue();
    }

    [Fact]
    public async Task Show_TenOrders_NamesEveryControl()
    {
        await ShowAsync(JobSamples.Preview(Sandbox.ManyOrders(10)));

        _providers.Dialogs.ControlsWithoutAName().ShouldBeEmpty();
    }

    private static string[] Cells(IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    private IElement StartButton() => _providers.Dialogs.WaitForElement("#start-bulk-cancel");

    private IReadOnlyList<IElement> Rows(string tableId) => [.. _providers.Dialogs.WaitForElement($"#{tableId}").QuerySelectorAll("tbody tr")];

    private async Task<IDialogReference> ShowAsync(BulkCancelPlan plan)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<BulkCancelDialog> { { d => d.Plan, plan } };
        var dialog = await _providers.Dialogs.InvokeAsync(() => dialogs.ShowAsync<BulkCancelDialog>("Cancel orders", parameters));
        _providers.Dialogs.WaitForElement(".mud-dialog");
        return dialog;
    }
}
