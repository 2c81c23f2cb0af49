// Over 300 lines: every state of one page (loading, empty, error, search, paging), one specification.
using Dashboard.Web.Features.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

public sealed class CustomersPageTests : DashboardTestContext
{
    [Fact]
    public void Render_TwoCustomers_ShowsOneRowPerCustomer()
    {
        GivenCustomers(Sandbox.Contoso, Sandbox.Fabrikam);

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Contoso Ltd", "Fabrikam, Inc."]);
    }

    [Fact]
    public void Render_Customer_LinksCompanyNameToTheCustomersOrders()
    {
        GivenCustomers(Sandbox.Contoso, Sandbox.Fabrikam);

        var cut = Render<CustomersPage>();

        var link = cut.WaitForElement("#customers-table").QuerySelector($"a[href='customers/{Sandbox.Fabrikam.Id}/orders']");
        link.ShouldNotBeNull();
        link.TextContent.Trim().ShouldBe("Fabrikam, Inc.");
    }

    [Fact]
    public void Render_Customer_ShowsDomainAndTenantId()
    {
        GivenCustomers(Sandbox.Contoso);

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        var row = cut.TableRows("customers-table").ShouldHaveSingleItem();
        row.Cell("Domain").ShouldBe("contoso.onmicrosoft.com");
        row.Cell("Tenant id").ShouldBe(Sandbox.Contoso.Id);
    }

    [Fact]
    public void Render_FirstVisit_AsksPartnerCenterForTheFirstPageOf25WithoutASearch()
    {
        GivenCustomers(Sandbox.Contoso);

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        _ = OrderService.Received(1).ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>());
        _ = OrderService.DidNotReceive().ListCustomersAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_WhileCustomersLoad_ShowsABusySkeletonAndNoTable()
    {
        var pending = new TaskCompletionSource<Outcome<CustomerPage>>();
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(pending.Task);

        var cut = Render<CustomersPage>();

        var skeleton = cut.FindAll("[aria-label='Loading customers']").ShouldHaveSingleItem();
        skeleton.GetAttribute("aria-busy").ShouldBe("true");
        skeleton.QuerySelectorAll(".mud-skeleton").ShouldNotBeEmpty();
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoCustomers_ShowsEmptyState()
    {
        GivenCustomers();

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#no-customers").VisibleText().ShouldBe("The partner has no customers in this sandbox.");
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_SearchMatchesNoCustomer_SaysPartnerCenterSearchesByTheStartOfTheName()
    {
        GivenCustomers();
        GivenTheAddressIs("customers?q=Northwind");

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#no-customers").VisibleText()
            .ShouldBe("No customer's company name starts with \"Northwind\". Partner Center searches by the start of the name only.");
    }

    [Fact]
    public void Render_Problem_ShowsAlertWithRetry()
    {
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in 57 seconds.")));

        var cut = Render<CustomersPage>();

        var alert = cut.WaitForElement("#customers-problem");
        alert.TextContent.ShouldContain("Partner Center is throttling requests; try again in 57 seconds.");
        alert.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Retry");
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Retry_AfterProblem_ReadsCustomersAgainAndShowsThem()
    {
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(
            Outcome<CustomerPage>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in a minute.")),
            Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Contoso], null)));
        var cut = Render<CustomersPage>();
        var retry = cut.WaitForElement("#customers-problem button");

        retry.Click();

        cut.WaitForElement("#customers-table");
        cut.TableRows("customers-table").ShouldHaveSingleItem().Cell("Company").ShouldBe("Contoso Ltd");
        _ = OrderService.Received(2).ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_PartnerCenterUnavailable_ShowsItsMessageAndCorrelationId()
    {
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Unavailable<CustomerPage>(Thrown("Partner Center did not answer in time.", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21")));

        var cut = Render<CustomersPage>();

        var alert = cut.WaitForElement("#customers-problem");
        alert.TextContent.ShouldContain("Partner Center did not answer in time.");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21");
    }

    [Fact]
    public void Render_PartnerCenterUnavailable_ShowsNothingOfTheExceptionButItsSafeMessage()
    {
        var exception = Thrown("Partner Center did not answer in time.", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21");
        OrderService.ListCustomersPageAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Unavailable<CustomerPage>(exception));

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-problem").TextPieces()
            .ShouldBe(["Partner Center did not answer in time.", "Correlation id", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21", "Retry"]);
        cut.Markup.ShouldNotContain(nameof(PartnerCenterUnavailableException));
        cut.Markup.ShouldNotContain(nameof(Thrown));
    }

    [Fact]
    public void Render_AddressWithQ_SearchesPartnerCenterForThatPrefix()
    {
        GivenCustomers(Sandbox.Contoso);
        GivenTheAddressIs("customers?q=Cont");

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        _ = OrderService.Received(1).ListCustomersPageAsync("Cont", 25, null, Arg.Any<CancellationToken>());
        cut.Find("#customer-search").GetAttribute("value").ShouldBe("Cont");
    }

    [Fact]
    public void Search_TypePrefix_SendsItToPartnerCenter()
    {
        GivenCustomers(Sandbox.Contoso, Sandbox.Fabrikam);
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customer-search").Input("Fabri");

        cut.WaitForAssertion(() => _ = OrderService.Received(1).ListCustomersPageAsync("Fabri", 25, null, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public void Search_KeysTypedWithinThePause_AskPartnerCenterOnceForTheLastTextOnlyAfterThePause()
    {
        var pause = TimeSpan.FromMilliseconds(300);
        GivenTheSearchBoxesPause(pause);
        GivenCustomers(Sandbox.Contoso, Sandbox.Fabrikam);
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customer-search").Input("Fab");
        Time.Advance(pause / 2);
        cut.Find("#customer-search").Input("Fabri");
        Time.Advance(pause - TimeSpan.FromMilliseconds(1));

        _ = OrderService.DidNotReceive().ListCustomersPageAsync(Arg.Is<string?>(q => q != null), Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        Time.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => _ = OrderService.Received(1).ListCustomersPageAsync("Fabri", 25, null, Arg.Any<CancellationToken>()));
        _ = OrderService.DidNotReceive().ListCustomersPageAsync("Fab", Arg.Any<int>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Search_TypePrefix_KeepsItInTheAddress()
    {
        GivenCustomers(Sandbox.Contoso, Sandbox.Fabrikam);
        GivenTheAddressIs("customers");
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customer-search").Input("  Fabri ");

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe("/customers?q=Fabri"));
    }

    [Fact]
    public void Search_Cleared_ListsEveryCustomerAgainAndDropsQFromTheAddress()
    {
        GivenCustomers(Sandbox.Contoso);
        GivenTheAddressIs("customers?q=Cont");
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customer-search").Input("");

        cut.WaitForAssertion(() => CurrentAddress.ShouldBe("/customers"));
        cut.WaitForAssertion(() => _ = OrderService.Received(1).ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task Search_AnEarlierSearchAnswersLast_ShowsTheAnswerToTheLatestSearch()
    {
        var fairview = new Customer("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", "Fairview Clinics", "fairview.onmicrosoft.com");
        var earlier = new TaskCompletionSource<Outcome<CustomerPage>>();
        OrderService.ListCustomersPageAsync("Fa", 25, null, Arg.Any<CancellationToken>()).Returns(earlier.Task);
        OrderService.ListCustomersPageAsync("Fab", 25, null, Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Fabrikam], null)));
        GivenTheAddressIs("customers?q=Fa");
        var cut = Render<CustomersPage>();
        cut.Find("#customer-search").Input("Fab");
        cut.WaitForAssertion(() => cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Fabrikam, Inc."]));

        // Answered on the renderer's dispatcher, so that the page has taken the answer in when this returns.
        await cut.InvokeAsync(() => earlier.SetResult(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Fabrikam, fairview], null))));

        cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Fabrikam, Inc."]);
    }

    [Fact]
    public void Render_FirstOfSeveralPages_OffersNextButNotPrevious()
    {
        GivenPages();

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        cut.Find("#customers-next").HasAttribute("disabled").ShouldBeFalse();
        cut.Find("#customers-previous").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 1");
    }

    [Fact]
    public void Render_OnlyPage_OffersNeitherNextNorPrevious()
    {
        GivenCustomers(Sandbox.Contoso);

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-table");
        cut.Find("#customers-next").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("#customers-previous").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Next_Click_ReadsTheNextPageWithItsTokenAndShowsIt()
    {
        GivenPages();
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customers-next").Click();

        cut.WaitForAssertion(() => cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Fabrikam, Inc."]));
        _ = OrderService.Received(1).ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>());
        cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2");
        cut.Find("#customers-previous").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Previous_Click_ReadsThePageBeforeWithItsTokenAndShowsIt()
    {
        GivenPages();
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");
        cut.Find("#customers-next").Click();
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2"));
        cut.Find("#customers-next").Click();
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 3"));

        cut.Find("#customers-previous").Click();

        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2"));
        cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Fabrikam, Inc."]);
        _ = OrderService.Received(2).ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Previous_BackToTheFirstPage_ReadsItWithoutAToken()
    {
        GivenPages();
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");
        cut.Find("#customers-next").Click();
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2"));

        cut.Find("#customers-previous").Click();

        cut.WaitForAssertion(() => cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Contoso Ltd"]));
        _ = OrderService.Received(2).ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>());
        cut.Find("#customers-previous").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Next_WhileSearching_KeepsTheSearchForTheNextPage()
    {
        OrderService.ListCustomersPageAsync("C", 25, null, Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Contoso], "c-page-2")));
        GivenTheAddressIs("customers?q=C");
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.Find("#customers-next").Click();

        cut.WaitForAssertion(() => _ = OrderService.Received(1).ListCustomersPageAsync("C", 25, "c-page-2", Arg.Any<CancellationToken>()));
    }

    [Fact]
    public void Search_AfterPaging_StartsAgainAtTheFirstPage()
    {
        GivenPages();
        OrderService.ListCustomersPageAsync("Fab", 25, null, Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Fabrikam], "fab-page-2")));
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");
        cut.Find("#customers-next").Click();
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2"));

        cut.Find("#customer-search").Input("Fab");

        cut.WaitForAssertion(() => _ = OrderService.Received(1).ListCustomersPageAsync("Fab", 25, null, Arg.Any<CancellationToken>()));
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 1"));
        cut.Find("#customers-previous").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Retry_AfterAProblemOnPageTwo_ReadsPageTwoAgain()
    {
        OrderService.ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Contoso], "page-2")));
        OrderService.ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>()).Returns(
            Outcome<CustomerPage>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in a minute.")),
            Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Fabrikam], null)));
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-next").Click();

        cut.WaitForElement("#customers-problem button").Click();

        cut.WaitForAssertion(() => cut.TableRows("customers-table").Select(r => r.Cell("Company")).ShouldBe(["Fabrikam, Inc."]));
        _ = OrderService.Received(2).ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Refresh_Click_ReadsTheCurrentPageAgain()
    {
        GivenPages();
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-next").Click();
        cut.WaitForAssertion(() => cut.Find("#customers-pager").VisibleText().ShouldStartWith("Page 2"));

        cut.Find("#refresh-customers").Click();

        cut.WaitForAssertion(() => _ = OrderService.Received(2).ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>()));
    }

    [Fact]
    public void Render_Customers_EveryActionHasAnAccessibleName()
    {
        GivenPages();
        var cut = Render<CustomersPage>();
        cut.WaitForElement("#customers-table");

        cut.ControlsWithoutAName().ShouldBeEmpty();
        cut.Find($"#customers-table a[aria-label='Orders of Contoso Ltd']").TextContent.Trim().ShouldBe("Orders");
    }

    /// <summary>Three pages of one customer each, chained by Partner Center's next-page tokens.</summary>
    private void GivenPages()
    {
        OrderService.ListCustomersPageAsync(null, 25, null, Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Contoso], "page-2")));
        OrderService.ListCustomersPageAsync(null, 25, "page-2", Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([Sandbox.Fabrikam], "page-3")));
        OrderService.ListCustomersPageAsync(null, 25, "page-3", Arg.Any<CancellationToken>())
            .Returns(Outcome<CustomerPage>.Success(new CustomerPage([new Customer("0e3f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "Northwind Traders", null)], null)));
    }

    // Thrown for real, so that it carries a stack trace the page must not show.
    private static PartnerCenterUnavailableException Thrown(string message, string correlationId)
    {
        try
        {
            throw new PartnerCenterUnavailableException(message, correlationId);
        }
        catch (PartnerCenterUnavailableException exception)
        {
            exception.StackTrace.ShouldNotBeNull();
            return exception;
        }
    }
}
