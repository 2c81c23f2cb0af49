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
    public void Render_WhileCustomersLoad_ShowsProgressAndNoTable()
    {
        var pending = new TaskCompletionSource<Outcome<IReadOnlyList<Customer>>>();
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>()).Returns(pending.Task);

        var cut = Render<CustomersPage>();

        cut.FindAll("[aria-label='Loading customers']").ShouldHaveSingleItem();
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoCustomers_ShowsEmptyState()
    {
        GivenCustomers();

        var cut = Render<CustomersPage>();

        cut.WaitForAssertion(() => cut.Find(".mud-alert").VisibleText().ShouldBe("The partner has no customers in this sandbox."));
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Problem_ShowsAlertWithRetry()
    {
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<Customer>>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in 57 seconds.")));

        var cut = Render<CustomersPage>();

        var alert = cut.WaitForElement("#customers-problem");
        alert.TextContent.ShouldContain("Partner Center is throttling requests; try again in 57 seconds.");
        alert.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Retry");
        cut.FindAll("#customers-table").ShouldBeEmpty();
    }

    [Fact]
    public void Retry_AfterProblem_ReadsCustomersAgainAndShowsThem()
    {
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>()).Returns(
            Outcome<IReadOnlyList<Customer>>.Failure(new Problem(ProblemKind.Throttled, "Partner Center is throttling requests; try again in a minute.")),
            Outcome<IReadOnlyList<Customer>>.Success([Sandbox.Contoso]));
        var cut = Render<CustomersPage>();
        var retry = cut.WaitForElement("#customers-problem button");

        retry.Click();

        cut.WaitForElement("#customers-table");
        cut.TableRows("customers-table").ShouldHaveSingleItem().Cell("Company").ShouldBe("Contoso Ltd");
        _ = OrderService.Received(2).ListCustomersAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_PartnerCenterUnavailable_ShowsItsMessageAndCorrelationId()
    {
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>()).Returns(Unavailable<IReadOnlyList<Customer>>(
            Thrown("Partner Center did not answer in time.", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21")));

        var cut = Render<CustomersPage>();

        var alert = cut.WaitForElement("#customers-problem");
        alert.TextContent.ShouldContain("Partner Center did not answer in time.");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21");
    }

    [Fact]
    public void Render_PartnerCenterUnavailable_ShowsNothingOfTheExceptionButItsSafeMessage()
    {
        var exception = Thrown("Partner Center did not answer in time.", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21");
        OrderService.ListCustomersAsync(Arg.Any<CancellationToken>()).Returns(Unavailable<IReadOnlyList<Customer>>(exception));

        var cut = Render<CustomersPage>();

        cut.WaitForElement("#customers-problem").TextPieces()
            .ShouldBe(["Partner Center did not answer in time.", "Correlation id", "7e1f4d2a-0c9b-4b8e-9f3a-2d6c5b4a3e21", "Retry"]);
        cut.Markup.ShouldNotContain(nameof(PartnerCenterUnavailableException));
        cut.Markup.ShouldNotContain(nameof(Thrown));
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
