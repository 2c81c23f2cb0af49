using AngleSharp.Dom;
using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Jobs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>
/// The plan of a customer clean-up on its own: per customer, what is cancelled and what keeps it from being deleted; the
/// choice between cancelling only and deleting too; and what must be typed before either is confirmed.
/// </summary>
public sealed class CleanUpDialogTests : DashboardTestContext
{
    private static readonly Customer Fabrikam = Sandbox.Fabrikam;

    private static readonly DeletionBlocker TeamsBlocker = new(
        JobSamples.Planned(Sandbox.NewCommerceOrder with { CustomerId = Fabrikam.Id }, Fabrikam.CompanyName),
        "New-commerce orders are cancelled through their subscriptions, not by order.",
        "Cancel its subscription in Partner Center, then clean up again.");

    private static readonly CustomerCleanUp ContosoDeletable = JobSamples.CleanUpOf(Sandbox.Contoso, [Sandbox.SoftwareOrder, Sandbox.AnnualOrder]);

    private static readonly CustomerCleanUp FabrikamBlocked = JobSamples.CleanUpOf(Fabrikam, [Sandbox.AnnualOrder with { CustomerId = Fabrikam.Id }], TeamsBlocker);

    private readonly MudProviders _providers;

    public CleanUpDialogTests() => _providers = RenderMudProviders();

    [Fact]
    public async Task Show_OneCustomer_NamesItInTheTitle()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable));

        _providers.Dialogs.WaitForElement("#cleanup-title").TextContent.ShouldBe("Clean up Contoso Ltd?");
    }

    [Fact]
    public async Task Show_TwoCustomers_CountsThemInTheTitle()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable, FabrikamBlocked));

        _providers.Dialogs.WaitForElement("#cleanup-title").TextContent.ShouldBe("Clean up 2 customers?");
    }

    [Fact]
    public async Task Show_CustomerWithoutBlockers_CountsItsOrdersAndSaysItCanBeDeleted()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable));

        var contoso = Section(Sandbox.Contoso);
        contoso.QuerySelector("[data-testid=cleanup-counts]")!.VisibleText().ShouldBe("2 orders to cancel · 1 order already cancelled · 0 orders block deletion");
        contoso.QuerySelector("[data-testid=cleanup-deletable]")!.VisibleText().ShouldBe("Can be deleted once its orders are cancelled.");
        contoso.QuerySelectorAll("[data-testid=cleanup-blockers]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_CustomerWithASubscriptionPurchase_ListsItAsRemovedWithTheCustomerAndStillDeletable()
    {
        var saas = new SubscriptionPurchase(JobSamples.Planned(Sandbox.NewCommerceOrder), "Cancelled through its subscription; deleting the customer removes it.");
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable with { NotCancelledHere = [saas] }));

        var contoso = Section(Sandbox.Contoso);
        contoso.QuerySelector("[data-testid=cleanup-counts]")!.VisibleText().ShouldEndWith("· 1 subscription purchase not cancelled here");
        contoso.QuerySelector("[data-testid=cleanup-deletable]")!.VisibleText().ShouldBe("Can be deleted once its orders are cancelled.");
        contoso.QuerySelectorAll("[data-testid=cleanup-subscriptions] tbody tr").ShouldHaveSingleItem().TextContent.ShouldContain("0a1b2c3d4e5f");
    }

    [Fact]
    public async Task Show_CustomerWithABlocker_SaysItCannotBeDeleted()
    {
        await ShowAsync(JobSamples.CleanUp(FabrikamBlocked));

        var fabrikam = Section(Fabrikam);
        fabrikam.QuerySelector("[data-testid=cleanup-counts]")!.VisibleText().ShouldBe("1 order to cancel · 1 order already cancelled · 1 order blocks deletion");
        fabrikam.QuerySelector("[data-testid=cleanup-deletable]")!.VisibleText().ShouldBe("Cannot be deleted: the orders below stay active.");
    }

    [Fact]
    public async Task Show_CustomerWithABlocker_SaysWhyAndWhatToDoInstead()
    {
        await ShowAsync(JobSamples.CleanUp(FabrikamBlocked));

        var rows = Section(Fabrikam).QuerySelectorAll("[data-testid=cleanup-blockers] tbody tr");
        rows.Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ShouldBe(
        [
            ["0a1b2c3d4e5f", "New-commerce orders are cancelled through their subscriptions, not by order.", "Cancel its subscription in Partner Center, then clean up again."],
        ]);
    }

    [Fact]
    public async Task Show_CustomerWhoseOrdersCouldNotBeRead_SaysItIsLeftAlone()
    {
        var unreadable = new CustomerCleanUp(Fabrikam, [], [], 0, new Problem(ProblemKind.Unavailable, "Partner Center did not answer in time."));

        await ShowAsync(JobSamples.CleanUp(ContosoDeletable, unreadable));

        Section(Fabrikam).QuerySelector(".mud-alert")!.VisibleText()
            .ShouldBe("Its orders could not be read, so it is left alone: Partner Center did not answer in time.");
    }

    [Fact]
    public async Task Show_NoCustomerCanBeDeleted_DisablesDelete()
    {
        await ShowAsync(JobSamples.CleanUp(FabrikamBlocked));

        _providers.Dialogs.WaitForElement("#cleanup-delete").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Show_FewOrders_ChoosesCancelOnlyAndEnablesItAtOnce()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable));

        _providers.Dialogs.WaitForElement("#cleanup-cancel-only").HasAttribute("checked").ShouldBeTrue();
        Start().TextContent.Trim().ShouldBe("Cancel the orders");
        Start().HasAttribute("disabled").ShouldBeFalse();
        _providers.Dialogs.FindAll("#cleanup-typed").ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_NothingToCancelAndCancelOnly_DisablesTheStart()
    {
        await ShowAsync(JobSamples.CleanUp(JobSamples.CleanUpOf(Sandbox.Contoso, [])));

        Start().HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Show_TwelveOrdersToCancelOnly_AsksForTheNumberOfOrders()
    {
        await ShowAsync(JobSamples.CleanUp(JobSamples.CleanUpOf(Sandbox.Contoso, Sandbox.ManyOrders(12))));

        Start().HasAttribute("disabled").ShouldBeTrue();
        _providers.Dialogs.Find("label[for='cleanup-typed']").TextContent.Trim().ShouldBe("Type 12 to confirm");
    }

    [Fact]
    public async Task Type_NumberOfOrders_EnablesTheCancel()
    {
        await ShowAsync(JobSamples.CleanUp(JobSamples.CleanUpOf(Sandbox.Contoso, Sandbox.ManyOrders(12))));

        _providers.Dialogs.Find("#cleanup-typed").Input("12");

        _providers.Dialogs.WaitForAssertion(() => Start().HasAttribute("disabled").ShouldBeFalse());
    }

    [Fact]
    public async Task ChooseDelete_OneDeletableCustomer_AsksForItsCompanyName()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable, FabrikamBlocked));

        ChooseDelete();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("label[for='cleanup-typed']").TextContent.Trim().ShouldBe("Type Contoso Ltd to confirm"));
        Start().TextContent.Trim().ShouldBe("Cancel and delete");
        Start().HasAttribute("disabled").ShouldBeTrue();
    }

    [Theory]
    [InlineData("contoso ltd")]
    [InlineData("Contoso")]
    [InlineData("1")]
    public async Task Type_NotExactlyTheCompanyName_KeepsDeleteDisabled(string typed)
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable));
        ChooseDelete();

        _providers.Dialogs.WaitForElement("#cleanup-typed").Input(typed);

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("#cleanup-typed").GetAttribute("value").ShouldBe(typed));
        Start().HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Confirm_DeleteWithTheCompanyNameTyped_AnswersDelete()
    {
        var dialog = await ShowAsync(JobSamples.CleanUp(ContosoDeletable));
        ChooseDelete();
        _providers.Dialogs.WaitForElement("#cleanup-typed").Input("Contoso Ltd");
        _providers.Dialogs.WaitForAssertion(() => Start().HasAttribute("disabled").ShouldBeFalse());

        Start().Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeFalse();
        answer.Data.ShouldBe(true);
    }

    [Fact]
    public async Task ChooseDelete_TwoDeletableCustomers_AsksForTheNumberOfCustomers()
    {
        var fabrikamDeletable = JobSamples.CleanUpOf(Fabrikam, [Sandbox.AnnualOrder with { CustomerId = Fabrikam.Id }]);
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable, fabrikamDeletable));

        ChooseDelete();

        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("label[for='cleanup-typed']").TextContent.Trim().ShouldBe("Type 2 to confirm"));
    }

    [Fact]
    public async Task Confirm_CancelOnly_AnswersKeepTheCustomers()
    {
        var dialog = await ShowAsync(JobSamples.CleanUp(ContosoDeletable));

        Start().Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeFalse();
        answer.Data.ShouldBe(false);
    }

    [Fact]
    public async Task KeepEverything_Click_AnswersCanceled()
    {
        var dialog = await ShowAsync(JobSamples.CleanUp(ContosoDeletable));

        _providers.Dialogs.Find("#keep-cleanup").Click();

        var answer = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        answer.ShouldNotBeNull().Canceled.ShouldBeTrue();
    }

    [Fact]
    public async Task Show_DeleteChosen_NamesEveryControl()
    {
        await ShowAsync(JobSamples.CleanUp(ContosoDeletable, FabrikamBlocked));

        ChooseDelete();

        _providers.Dialogs.WaitForElement("#cleanup-typed");
        _providers.Dialogs.ControlsWithoutAName().ShouldBeEmpty();
    }

    private void ChooseDelete() => _providers.Dialogs.WaitForElement("#cleanup-delete").Click();

    private IElement Start() => _providers.Dialogs.WaitForElement("#start-cleanup");

    private IElement Section(Customer customer) => _providers.Dialogs.WaitForElement($"#cleanup-{customer.Id}");

    private async Task<IDialogReference> ShowAsync(CleanUpPlan plan)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<CleanUpDialog> { { d => d.Plan, plan } };
        var dialog = await _providers.Dialogs.InvokeAsync(() => dialogs.ShowAsync<CleanUpDialog>("Clean up customers", parameters));
        _providers.Dialogs.WaitForElement(".mud-dialog");
        return dialog;
    }
}
