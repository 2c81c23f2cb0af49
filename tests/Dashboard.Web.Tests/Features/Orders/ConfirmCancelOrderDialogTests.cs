using Dashboard.Web.Features.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>The dialog on its own: it answers, the page acts.</summary>
public sealed class ConfirmCancelOrderDialogTests : DashboardTestContext
{
    private readonly MudProviders _providers;

    public ConfirmCancelOrderDialogTests() => _providers = RenderMudProviders();

    [Fact]
    public async Task KeepOrder_Click_AnswersCanceled()
    {
        var dialog = await ShowAsync(Sandbox.AnnualOrder);

        _providers.Dialogs.Find("#keep-order").Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeTrue();
    }

    [Fact]
    public async Task CancelOrder_Click_AnswersOk()
    {
        var dialog = await ShowAsync(Sandbox.AnnualOrder);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeFalse();
        answer.Data.ShouldBe(true);
    }

    [Fact]
    public async Task Show_OrderWithoutFriendlyId_NamesTheOrderById()
    {
        await ShowAsync(Sandbox.PerpetualSoftwareOrder);

        _providers.Dialogs.WaitForElement("#confirm-cancel-title").TextContent
            .ShouldBe($"Cancel order {Sandbox.PerpetualSoftwareOrder.Id}?");
    }

    [Fact]
    public async Task Show_PerpetualLine_ShowsPerpetualTerm()
    {
        await ShowAsync(Sandbox.PerpetualSoftwareOrder);

        _providers.Dialogs.WaitForElement("#confirm-cancel-lines tbody tr").VisibleText()
            .ShouldBe("0 SQL Server Standard 2022 2 Perpetual");
    }

    [Fact]
    public async Task Show_WholeOrder_AsksToCancelTheOrder()
    {
        await ShowAsync(Sandbox.SoftwareOrder);

        _providers.Dialogs.WaitForElement("#confirm-cancel-title").TextContent.ShouldBe("Cancel order 7f6a5b4c3d2e?");
        _providers.Dialogs.Find("#confirm-cancel-order").TextContent.Trim().ShouldBe("Cancel order");
    }

    [Fact]
    public async Task Show_TwoLines_TitleCountsTheLines()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [0, 2]);

        _providers.Dialogs.WaitForElement("#confirm-cancel-title").TextContent.ShouldBe("Cancel 2 lines of order 7f6a5b4c3d2e?");
    }

    [Fact]
    public async Task Show_OneLine_TitleSaysLine()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [1]);

        _providers.Dialogs.WaitForElement("#confirm-cancel-title").TextContent.ShouldBe("Cancel 1 line of order 7f6a5b4c3d2e?");
    }

    [Fact]
    public async Task Show_Lines_ListsOnlyThoseLines()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [2, 0]);

        _providers.Dialogs.FindAll("#confirm-cancel-lines tbody tr").Select(r => r.VisibleText())
            .ShouldBe(["0 Windows Server 2022 Datacenter 10 1 year", "2 Project Professional 2021 2 1 year"]);
    }

    [Fact]
    public async Task Show_Lines_SaysTheRestOfTheOrderStays()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [0, 2]);

        _providers.Dialogs.Find(".mud-dialog-content").VisibleText().ShouldContain(
            "This cancels the lines below of order 7f6a5b4c3d2e of Contoso Ltd in Partner Center; the rest of the order stays. It cannot be undone.");
    }

    [Fact]
    public async Task Show_Lines_ConfirmButtonSaysCancelLines()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [0, 2]);

        _providers.Dialogs.Find("#confirm-cancel-order").TextContent.Trim().ShouldBe("Cancel lines");
        _providers.Dialogs.Find("#keep-order").TextContent.Trim().ShouldBe("Keep order");
    }

    [Fact]
    public async Task Show_Lines_ConfirmAnswersOk()
    {
        var dialog = await ShowAsync(Sandbox.SoftwareOrder, [1]);

        _providers.Dialogs.Find("#confirm-cancel-order").Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeFalse();
    }

    [Fact]
    public async Task Show_Order_IsNamedByItsTitle()
    {
        await ShowAsync(Sandbox.SoftwareOrder);

        var labelledBy = _providers.Dialogs.Find("[role=dialog]").GetAttribute("aria-labelledby").ShouldNotBeNull();
        _providers.Dialogs.Find($"[id='{labelledBy}']").TextContent.Trim().ShouldBe("Cancel order 7f6a5b4c3d2e?");
    }

    [Fact]
    public async Task Show_Order_EveryActionHasAnAccessibleName()
    {
        await ShowAsync(Sandbox.SoftwareOrder, [0, 2]);

        _providers.Dialogs.ControlsWithoutAName().ShouldBeEmpty();
    }

    private async Task<IDialogReference> ShowAsync(Order order, IReadOnlyCollection<int>? lines = null)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ConfirmCancelOrderDialog>
        {
            { d => d.Order, order },
            { d => d.CustomerName, Sandbox.Contoso.CompanyName },
            { d => d.Lines, lines },
        };
        var reference = await _providers.Dialogs.InvokeAsync(() => dialogs.ShowAsync<ConfirmCancelOrderDialog>("Cancel order", parameters));
        _providers.Dialogs.WaitForElement(".mud-dialog");
        return reference;
    }
}
