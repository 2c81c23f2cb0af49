using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>Who may cancel from an order's page: readers get no cancel action at all; operators outside the sandbox see it off, and why.</summary>
public sealed class OrderDetailsPageAccessTests : DashboardTestContext
{
    private const string SandboxTenant = "7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0";

    private const string OtherTenant = "0f1e2d3c-4b5a-4687-9a8b-c7d6e5f4a3b2";

    private const string TurnedOff =
        $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).";

    // Three lines still held: an operator of the sandbox may cancel it whole or line by line.
    private static readonly Order Order = Sandbox.SoftwareOrder;

    public OrderDetailsPageAccessTests()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Order);
    }

    [Fact]
    public void Render_Reader_OffersNoCancelAndNoLineChoice()
    {
        SignInAsReader();

        var cut = RenderPage();

        cut.TableRows("line-items-table").Count.ShouldBe(3);
        cut.FindAll("#cancel-order").ShouldBeEmpty();
        cut.FindAll("#cancel-selected-lines").ShouldBeEmpty();
        cut.FindAll("#line-items-table input[type=checkbox]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Reader_SaysTheOrderIsReadOnly()
    {
        SignInAsReader();

        var cut = RenderPage();

        cut.Find("#read-only-note").VisibleText().ShouldBe("Read-only: you can review orders, but cancelling needs the operator role.");
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_DisablesCancelAndGivesTheReasonBesideIt()
    {
        GivenAnOperatorOutsideTheSandboxTenant();

        var cut = RenderPage();

        cut.Find("#cancel-order").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#cancel-unavailable-reason").VisibleText().ShouldBe(TurnedOff);
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_SaysCancellingIsTurnedOff()
    {
        GivenAnOperatorOutsideTheSandboxTenant();

        var cut = RenderPage();

        cut.Find("#cancel-turned-off").VisibleText().ShouldBe(TurnedOff);
        cut.FindAll("#read-only-note").ShouldBeEmpty();
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_OffersNoLineChoice()
    {
        GivenAnOperatorOutsideTheSandboxTenant();

        var cut = RenderPage();

        cut.FindAll("#cancel-selected-lines").ShouldBeEmpty();
        cut.FindAll("#line-items-table input[type=checkbox]").ShouldBeEmpty();
    }

    private void GivenAnOperatorOutsideTheSandboxTenant()
    {
        Settings = TestSettings.BuiltInEmulator(("PartnerCenter:SandboxTenantId", SandboxTenant));
        SignInAsOperator(OtherTenant);
    }

    private IRenderedComponent<OrderDetailsPage> RenderPage()
    {
        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Order.CustomerId)
            .Add(p => p.OrderId, Order.Id));
        cut.WaitForElement("#line-items-table");
        return cut;
    }
}
