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

    private async Task<IDialogReference> ShowAsync(Order order)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ConfirmCancelOrderDialog>
        {
            { d => d.Order, order },
            { d => d.CustomerName, Sandbox.Contoso.CompanyName },
        };
        var reference = await _providers.Dialogs.InvokeAsync(() => dialogs.ShowAsync<ConfirmCancelOrderDialog>("Cancel order", parameters));
        _providers.Dialogs.WaitForElement(".mud-dialog");
        return reference;
    }
}
