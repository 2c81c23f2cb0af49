using AngleSharp.Dom;
using Dashboard.Web.Features.Orders;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>
/// Who may cancel from the orders list: operators of the sandbox, each cancellable row; readers and anonymous visitors see no
/// cancel action; operators outside the sandbox see every cancel turned off, and why.
/// </summary>
public sealed class OrdersPageAccessTests : DashboardTestContext
{
    private const string SandboxTenant = "7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0";

    private const string OtherTenant = "0f1e2d3c-4b5a-4687-9a8b-c7d6e5f4a3b2";

    private static readonly Order Cancellable = Sandbox.SoftwareOrder;

    private static readonly Order Blocked = Sandbox.NewCommerceOrder;

    public OrdersPageAccessTests()
    {
        GivenCustomer(Sandbox.Contoso);
        GivenOrders(Sandbox.Contoso.Id, Cancellable, Blocked);
    }

    [Fact]
    public void Render_Reader_ShowsNoCancelActionOnAnyRow()
    {
        SignInAsReader();

        var cut = RenderPage();

        cut.TableRows("orders-table").Count.ShouldBe(2);
        CancelButtons(cut).ShouldBeEmpty();
    }

    [Fact]
    public void Render_Reader_ShowsNoActionsColumn()
    {
        SignInAsReader();

        var cut = RenderPage();

        HeaderTexts(cut).ShouldNotContain("Actions");
        cut.TableRows("orders-table")[0].QuerySelectorAll("td").Length.ShouldBe(8);
    }

    [Fact]
    public void Render_Reader_SaysTheListIsReadOnly()
    {
        SignInAsReader();

        var cut = RenderPage();

        cut.Find("#read-only-note").VisibleText().ShouldBe("Read-only: you can review orders, but cancelling needs the operator role.");
        cut.FindAll("#cancel-turned-off").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Anonymous_ShowsNoCancelAction()
    {
        SignOut();

        var cut = RenderPage();

        CancelButtons(cut).ShouldBeEmpty();
        HeaderTexts(cut).ShouldNotContain("Actions");
    }

    [Fact]
    public void Render_Operator_OffersAnEnabledNamedCancelForACancellableOrder()
    {
        var cut = RenderPage();

        HeaderTexts(cut).ShouldContain("Actions");
        var cancel = CancelButton(cut, Cancellable);
        cancel.GetAttribute("aria-label").ShouldBe("Cancel order 7f6a5b4c3d2e");
        cancel.HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Render_Operator_ShowsNeitherTheReadOnlyNoteNorATurnedOffAlert()
    {
        var cut = RenderPage();

        cut.FindAll("#read-only-note").ShouldBeEmpty();
        cut.FindAll("#cancel-turned-off").ShouldBeEmpty();
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_DisablesEveryRowsCancel()
    {
        GivenAnOperatorOutsideTheSandboxTenant();

        var cut = RenderPage();

        CancelButtons(cut).Select(b => b.HasAttribute("disabled")).ShouldBe([true, true]);
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_SaysWhyCancellingIsTurnedOff()
    {
        GivenAnOperatorOutsideTheSandboxTenant();

        var cut = RenderPage();

        cut.Find("#cancel-turned-off").VisibleText().ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
        cut.FindAll("#read-only-note").ShouldBeEmpty();
    }

    [Fact]
    public void ClickCancel_OperatorOutsideTheSandboxTenant_SendsNoCancel()
    {
        var providers = RenderMudProviders();
        GivenAnOperatorOutsideTheSandboxTenant();
        var cut = RenderPage();

        CancelButton(cut, Cancellable).Click();

        providers.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        _ = OrderService.DidNotReceiveWithAnyArgs().CancelOrderAsync(default!, default!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_PartnerCenterNotASandbox_DisablesCancelAndNamesTheEnvironmentSetting()
    {
        Settings = TestSettings.NotASandbox();

        var cut = RenderPage();

        CancelButton(cut, Cancellable).HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#cancel-turned-off").VisibleText().ShouldStartWith("Cancelling is turned off: PartnerCenter:Environment is not set.");
    }

    private void GivenAnOperatorOutsideTheSandboxTenant()
    {
        Settings = TestSettings.BuiltInEmulator(("PartnerCenter:SandboxTenantId", SandboxTenant));
        SignInAsOperator(OtherTenant);
    }

    private IRenderedComponent<OrdersPage> RenderPage()
    {
        var cut = Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Sandbox.Contoso.Id));
        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(2));
        return cut;
    }

    private static IReadOnlyList<IElement> CancelButtons(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.FindAll("#orders-table button[id^='cancel-order-']")];

    private static IElement CancelButton(IRenderedComponent<OrdersPage> cut, Order order) => cut.Find($"#cancel-order-{order.Id}");

    private static IReadOnlyList<string> HeaderTexts(IRenderedComponent<OrdersPage> cut) =>
        [.. cut.FindAll("#orders-table thead th").Select(th => th.TextContent.Trim())];
}
