using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Tests.Features.Jobs;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>
/// Cleaning up customers from the customers page: choose them, see the plan of exactly those, then start a job that
/// cancels only or deletes too; readers and a production guard get no clean-up at all.
/// </summary>
public sealed class CustomersPageCleanUpTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly Customer Fabrikam = Sandbox.Fabrikam;

    private static readonly Guid Started = Guid.Parse("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");

    private static readonly CleanUpPlan ContosoPlan = JobSamples.CleanUp(JobSamples.CleanUpOf(Contoso, [Sandbox.SoftwareOrder, Sandbox.AnnualOrder]));

    private readonly MudProviders _providers;

    public CustomersPageCleanUpTests()
    {
        _providers = RenderMudProviders();
        GivenTheAddressIs("customers");
        GivenCustomers(Contoso, Fabrikam);
    }

    [Fact]
    public void Render_Operator_OffersANamedCheckboxForEachCustomer()
    {
        var cut = Render<CustomersPage>();

        cut.WaitForAssertion(() => cut.FindAll("#customers-table input.row-select").Select(i => (i.Id, i.GetAttribute("aria-label"))).ShouldBe(
            [($"select-customer-{Contoso.Id}", "Select Contoso Ltd"), ($"select-customer-{Fabrikam.Id}", "Select Fabrikam, Inc.")]));
    }

    [Fact]
    public void Render_NothingSelected_DisablesCleanUp()
    {
        var cut = Render<CustomersPage>();

        var cleanUp = cut.WaitForElement("#cleanup-selected");
        cleanUp.TextContent.Trim().ShouldBe("Clean up 0 customers…");
        cleanUp.HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void CleanUpSelected_TwoChecked_PlansTheCleanUpOfBoth()
    {
        IReadOnlyCollection<string>? asked = null;
        JobService.PlanCleanUpAsync(Arg.Do<IReadOnlyCollection<string>>(ids => asked = [.. ids]), Arg.Any<CancellationToken>()).Returns(ContosoPlan);
        var cut = Render<CustomersPage>();
        Check(cut, Contoso);
        Check(cut, Fabrikam);
        cut.WaitForAssertion(() => cut.Find("#cleanup-selected").TextContent.Trim().ShouldBe("Clean up 2 customers…"));

        cut.Find("#cleanup-selected").Click();

        _providers.Dialogs.WaitForElement(".mud-dialog");
        asked.ShouldNotBeNull().ShouldBe([Contoso.Id, Fabrikam.Id], ignoreOrder: true);
    }

    [Fact]
    public void CleanUpSelected_PlanFails_SaysWhyInASnackbar()
    {
        JobService.PlanCleanUpAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<CleanUpPlan>.Failure(new Problem(ProblemKind.Unavailable, "Partner Center did not answer in time.")));
        var cut = RenderWithContosoChecked();

        cut.Find("#cleanup-selected").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent
            .ShouldBe("The clean-up could not be planned: Partner Center did not answer in time.");
        _providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_CancelOnly_StartsTheJobKeepingTheCustomer()
    {
        GivenThePlanAndTheStart();
        var cut = RenderWithContosoChecked();
        cut.Find("#cleanup-selected").Click();

        _providers.Dialogs.WaitForElement("#start-cleanup").Click();

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe($"/jobs/{Started}"));
        _ = JobService.Received(1).StartCleanUpAsync(ContosoPlan, false, Arg.Any<CancellationToken>());
        _ = JobService.Received(1).StartCleanUpAsync(Arg.Any<CleanUpPlan>(), Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Confirm_DeleteWithTheCompanyNameTyped_StartsTheJobDeletingTheCustomer()
    {
        GivenThePlanAndTheStart();
        var cut = RenderWithContosoChecked();
        cut.Find("#cleanup-selected").Click();

        _providers.Dialogs.WaitForElement("#cleanup-delete").Click();
        _providers.Dialogs.WaitForElement("#cleanup-typed").Input("Contoso Ltd");
        _providers.Dialogs.WaitForAssertion(() => _providers.Dialogs.Find("#start-cleanup").HasAttribute("disabled").ShouldBeFalse());
        _providers.Dialogs.Find("#start-cleanup").Click();

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe($"/jobs/{Started}"));
        _ = JobService.Received(1).StartCleanUpAsync(ContosoPlan, true, Arg.Any<CancellationToken>());
        _ = JobService.Received(1).StartCleanUpAsync(Arg.Any<CleanUpPlan>(), Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void KeepEverything_Click_StartsNothing()
    {
        GivenThePlanAndTheStart();
        var cut = RenderWithContosoChecked();
        cut.Find("#cleanup-selected").Click();

        _providers.Dialogs.WaitForElement("#keep-cleanup").Click();

        cut.WaitForAssertion(() => cut.Find("#cleanup-selected").HasAttribute("disabled").ShouldBeFalse());
        _ = JobService.DidNotReceiveWithAnyArgs().StartCleanUpAsync(default!, default, Arg.Any<CancellationToken>());
        CurrentAddress.ShouldBe("/customers");
    }

    [Fact]
    public void Confirm_StartRefused_SaysWhyAndStaysOnThePage()
    {
        JobService.PlanCleanUpAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(ContosoPlan);
        JobService.StartCleanUpAsync(Arg.Any<CleanUpPlan>(), Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<Guid>.Failure(new Problem(ProblemKind.NotAllowed, "Cancelling is turned off.")));
        var cut = RenderWithContosoChecked();
        cut.Find("#cleanup-selected").Click();

        _providers.Dialogs.WaitForElement("#start-cleanup").Click();

        _providers.Snackbars.WaitForElement(".mud-snackbar-content-message").TextContent.ShouldBe("The job was not started: Cancelling is turned off.");
        CurrentAddress.ShouldBe("/customers");
    }

    [Fact]
    public void Render_Reader_OffersNoSelectionAndNoCleanUp()
    {
        SignInAsReader();

        var cut = Render<CustomersPage>();

        cut.WaitForAssertion(() => cut.TableRows("customers-table").Count.ShouldBe(2));
        cut.FindAll("input.row-select, #cleanup-selected").ShouldBeEmpty();
    }

    [Fact]
    public void Render_PartnerCenterNotASandbox_OffersNoSelectionAndNoCleanUp()
    {
        Settings = TestSettings.NotASandbox();

        var cut = Render<CustomersPage>();

        cut.WaitForAssertion(() => cut.TableRows("customers-table").Count.ShouldBe(2));
        cut.FindAll("input.row-select, #cleanup-selected").ShouldBeEmpty();
    }

    private void GivenThePlanAndTheStart()
    {
        JobService.PlanCleanUpAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(ContosoPlan);
        JobService.StartCleanUpAsync(Arg.Any<CleanUpPlan>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(Started);
    }

    private IRenderedComponent<CustomersPage> RenderWithContosoChecked()
    {
        var cut = Render<CustomersPage>();
        Check(cut, Contoso);
        cut.WaitForAssertion(() => cut.Find("#cleanup-selected").HasAttribute("disabled").ShouldBeFalse());
        return cut;
    }

    private static void Check(IRenderedComponent<CustomersPage> cut, Customer customer) =>
        cut.WaitForElement($"#select-customer-{customer.Id}").Change(true);
}
