using AngleSharp.Dom;
using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Orders;

/// <summary>
/// Choosing orders for a bulk cancel: a checkbox on each row that can be cancelled, "select all cancellable in this view"
/// across pages and within the filters, and no bulk action at all for readers or when the production guard is on.
/// </summary>
public sealed class OrdersPageSelectionTests : DashboardTestContext
{
    private static readonly Customer Contoso = Sandbox.Contoso;

    private static readonly string OrdersAddress = $"customers/{Contoso.Id}/orders";

    private static readonly Order Cancellable = Sandbox.SoftwareOrder;

    private static readonly Order Blocked = Sandbox.NewCommerceOrder;

    private static readonly Order AlreadyCancelled = Sandbox.Cancelled(Sandbox.AnnualOrder);

    private readonly MudProviders _providers;

    public OrdersPageSelectionTests()
    {
        _providers = RenderMudProviders();
        GivenCustomer(Contoso);
        GivenOrders(Contoso.Id, Cancellable, Blocked, AlreadyCancelled);
    }

    [Fact]
    public void Render_Operator_OffersACheckboxOnlyOnRowsThatCanBeCancelled()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(3));
        cut.FindAll("#orders-table tbody input[type=checkbox]").Select(i => i.Id).ShouldBe([$"select-order-{Cancellable.Id}"]);
    }

    [Fact]
    public void Render_Operator_NamesEachCheckboxByTheOrder()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForElement($"#select-order-{Cancellable.Id}").GetAttribute("aria-label").ShouldBe("Select order 7f6a5b4c3d2e");
    }

    [Fact]
    public void Render_NothingSelected_SaysNoneAndDisablesCancelSelected()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForElement("#selected-count").TextContent.Trim().ShouldBe("0 orders selected");
        cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeTrue();
        cut.FindAll("#clear-selection").ShouldBeEmpty();
    }

    [Fact]
    public void Checkbox_Check_SelectsThatOrderAndEnablesCancelSelected()
    {
        var cut = RenderPage(OrdersAddress);

        cut.WaitForElement($"#select-order-{Cancellable.Id}").Change(true);

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("1 order selected"));
        cut.Find($"#select-order-{Cancellable.Id}").HasAttribute("checked").ShouldBeTrue();
        var cancel = cut.Find("#cancel-selected");
        cancel.HasAttribute("disabled").ShouldBeFalse();
        cancel.TextContent.Trim().ShouldBe("Cancel 1 order…");
    }

    [Fact]
    public void Checkbox_Uncheck_TakesThatOrderOutOfTheSelection()
    {
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement($"#select-order-{Cancellable.Id}").Change(true);
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("1 order selected"));

        cut.Find($"#select-order-{Cancellable.Id}").Change(false);

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("0 orders selected"));
        cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void SelectAll_SixtyCancellableOnTwoPagesOf50_SelectsAllSixty()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(60), Blocked, AlreadyCancelled]);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(50));

        cut.Find("#select-all-cancellable").Click();

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("60 orders selected"));
        cut.Find("#cancel-selected").TextContent.Trim().ShouldBe("Cancel 60 orders…");
    }

    [Fact]
    public void SelectAll_SixtyCancellableOnTwoPages_SaysHowManyItWillSelect()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(60), Blocked, AlreadyCancelled]);

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.Find("#select-all-cancellable").VisibleText().ShouldBe("Select all 60 cancellable orders in this view"));
    }

    [Fact]
    public void SelectAll_ThenCancelSelected_PreviewsTheOrdersOfTheSecondPageToo()
    {
        var many = Sandbox.ManyOrders(60);
        GivenOrders(Contoso.Id, [.. many, Blocked, AlreadyCancelled]);
        var asked = GivenPreviewIsAsked();
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement("#select-all-cancellable").Click();
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("60 orders selected"));

        cut.Find("#cancel-selected").Click();

        cut.WaitForAssertion(() => asked.ShouldHaveSingleItem().ShouldBe(many.Select(o => o.Id), ignoreOrder: true));
    }

    [Fact]
    public void SelectAll_FilteredByBillingCycle_SelectsOnlyTheOrdersThatMatch()
    {
        // 70 cancellable orders; every seventh is monthly, so 60 are annual, over two pages.
        var many = Sandbox.ManyOrders(70).Select((o, i) => i % 7 == 6 ? o with { BillingCycle = BillingCycle.Monthly, BillingCycleText = "monthly" } : o).ToList();
        GivenOrders(Contoso.Id, [.. many]);
        var asked = GivenPreviewIsAsked();
        var cut = RenderPage($"{OrdersAddress}?billing=Annual");
        cut.WaitForAssertion(() => cut.Find("#select-all-cancellable").VisibleText().ShouldBe("Select all 60 cancellable orders in this view"));

        cut.Find("#select-all-cancellable").Click();
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("60 orders selected"));
        cut.Find("#cancel-selected").Click();

        cut.WaitForAssertion(() => asked.ShouldHaveSingleItem().ShouldBe(
            many.Where(o => o.BillingCycle == BillingCycle.Annual).Select(o => o.Id), ignoreOrder: true));
    }

    [Fact]
    public void SelectAll_Searched_SelectsOnlyTheOrdersTheSearchFinds()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(30)]);

        // Friendly ids 000000000001 and 000000000010 to 000000000019 contain "00000000001": 11 orders.
        var cut = RenderPage($"{OrdersAddress}?q=00000000001");
        cut.WaitForElement("#select-all-cancellable").Click();

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("11 orders selected"));
    }

    [Fact]
    public void ClearSelection_AfterSelectAll_SelectsNothing()
    {
        GivenOrders(Contoso.Id, [.. Sandbox.ManyOrders(60)]);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement("#select-all-cancellable").Click();
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("60 orders selected"));

        cut.Find("#clear-selection").Click();

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("0 orders selected"));
        cut.FindAll("#orders-table tbody input[type=checkbox][checked]").ShouldBeEmpty();
        cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void CancelOrder_ASelectedOrderCancelledOnItsOwn_LeavesTheSelection()
    {
        OrderService.CancelOrderAsync(Contoso.Id, Cancellable.Id, Arg.Any<CancellationToken>()).Returns(Sandbox.Cancelled(Cancellable));
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement($"#select-order-{Cancellable.Id}").Change(true);
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("1 order selected"));

        cut.Find($"#cancel-order-{Cancellable.Id}").Click();
        _providers.Dialogs.WaitForElement("#confirm-cancel-order").Click();

        cut.WaitForAssertion(() => cut.FindAll($"#select-order-{Cancellable.Id}").ShouldBeEmpty());
        cut.Find("#selected-count").TextContent.Trim().ShouldBe("0 orders selected");
        cut.Find("#cancel-selected").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task Refresh_ASelectedOrderCancelledMeanwhile_LeavesTheSelection()
    {
        var other = Sandbox.AnnualOrder;
        GivenOrders(Contoso.Id, Cancellable, other);
        var cut = RenderPage(OrdersAddress);
        cut.WaitForElement($"#select-order-{Cancellable.Id}").Change(true);
        cut.Find($"#select-order-{other.Id}").Change(true);
        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("2 orders selected"));
        GivenOrders(Contoso.Id, Sandbox.Cancelled(Cancellable), other);

        await cut.ClickAtOnceAsync("#refresh-orders");

        cut.WaitForAssertion(() => cut.Find("#selected-count").TextContent.Trim().ShouldBe("1 order selected"));
        cut.WaitForAssertion(() => cut.Find($"#select-order-{other.Id}").HasAttribute("checked").ShouldBeTrue());
    }

    [Fact]
    public void Render_Reader_ShowsNoCheckboxAndNoBulkAction()
    {
        SignInAsReader();

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(3));
        NoBulkActions(cut);
    }

    [Fact]
    public void Render_PartnerCenterNotASandbox_ShowsNoCheckboxAndNoBulkAction()
    {
        Settings = TestSettings.NotASandbox();

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(3));
        cut.Find("#cancel-turned-off");
        NoBulkActions(cut);
    }

    [Fact]
    public void Render_OperatorOutsideTheSandboxTenant_ShowsNoCheckboxAndNoBulkAction()
    {
        Settings = TestSettings.BuiltInEmulator(("PartnerCenter:SandboxTenantId", "7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0"));
        SignInAsOperator("0f1e2d3c-4b5a-4687-9a8b-c7d6e5f4a3b2");

        var cut = RenderPage(OrdersAddress);

        cut.WaitForAssertion(() => cut.TableRows("orders-table").Count.ShouldBe(3));
        NoBulkActions(cut);
    }

    private static void NoBulkActions(IRenderedComponent<OrdersPage> cut)
    {
        cut.FindAll("#orders-table tbody input[type=checkbox]").ShouldBeEmpty();
        cut.FindAll("#bulk-actions, #select-all-cancellable, #cancel-selected, #selected-count, #cleanup-customer").ShouldBeEmpty();
        cut.FindAll("#orders-table thead th").Select(th => th.TextContent.Trim()).ShouldNotContain("Select");
    }

    /// <summary>Records the order ids of every preview asked for; the preview itself fails, so that no dialog opens.</summary>
    private List<IReadOnlyCollection<string>> GivenPreviewIsAsked()
    {
        var asked = new List<IReadOnlyCollection<string>>();
        JobService.PreviewBulkCancelAsync(Contoso.Id, Arg.Do<IReadOnlyCollection<string>>(ids => asked.Add([.. ids])), Arg.Any<CancellationToken>())
            .Returns(Outcome<BulkCancelPlan>.Failure(new Problem(ProblemKind.Unavailable, "Not needed here.")));
        return asked;
    }

    private IRenderedComponent<OrdersPage> RenderPage(string address)
    {
        GivenTheAddressIs(address);
        return Render<OrdersPage>(parameters => parameters.Add(p => p.CustomerId, Contoso.Id));
    }
}
