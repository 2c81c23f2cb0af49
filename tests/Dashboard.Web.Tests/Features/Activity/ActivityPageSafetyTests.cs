namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// Records keep values as they were given (a malformed order id as typed, a name from Partner Center): the page shows
/// them as text, and builds its links from escaped ids, so that a value can neither run script nor lead off the dashboard.
/// </summary>
public sealed class ActivityPageSafetyTests : ActivityPageTestContext
{
    [Theory]
    [InlineData("a/b?c#d", "customers/a%2Fb%3Fc%23d/orders")]
    [InlineData("javascript:alert(1)", "customers/javascript%3Aalert%281%29/orders")]
    [InlineData("//evil.example", "customers/%2F%2Fevil.example/orders")]
    [InlineData("100% & more", "customers/100%25%20%26%20more/orders")]
    public void Render_CustomerIdWithUrlCharacters_LinksToItsEscapedId(string customerId, string expectedHref)
    {
        GivenRecords(ActivitySamples.RefusedLineCancel with { CustomerId = customerId, CustomerName = null });

        var cut = RenderPage();

        var link = cut.WaitForElement("#activity-table td[data-label='Customer'] a");
        link.GetAttribute("href").ShouldBe(expectedHref);
        link.TextContent.Trim().ShouldBe(customerId);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "javascript%3Aalert%281%29")]
    [InlineData("../../signout?x=1", "..%2F..%2Fsignout%3Fx%3D1")]
    [InlineData("https://evil.example/", "https%3A%2F%2Fevil.example%2F")]
    public void Render_OrderIdWithUrlCharacters_LinksToItsEscapedIdUnderItsCustomer(string orderId, string expectedEscaped)
    {
        GivenRecords(ActivitySamples.RefusedLineCancel with { CustomerId = "javascript:x", OrderId = orderId });

        var cut = RenderPage();

        var link = cut.WaitForElement("#activity-table td[data-label='Order'] a");
        link.GetAttribute("href").ShouldBe($"customers/javascript%3Ax/orders/{expectedEscaped}");
        link.TextContent.Trim().ShouldBe(orderId);
    }

    [Fact]
    public void Render_HostileValues_NoLinkLeavesTheDashboard()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel with { CustomerId = "javascript:alert(1)", OrderId = "//evil.example/x" });

        var cut = RenderPage();

        cut.WaitForAssertion(() => Rows(cut).Count.ShouldBe(1));
        var hrefs = cut.FindAll("#activity-table tbody a").Select(a => a.GetAttribute("href")!).ToList();
        hrefs.Count.ShouldBe(2);
        hrefs.ShouldAllBe(h => h.StartsWith("customers/", StringComparison.Ordinal)
            && !Uri.IsWellFormedUriString(h, UriKind.Absolute) && !h.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public void Render_MarkupInValues_ShowsItAsText()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel with
        {
            UserName = "<b>Mallory</b>",
            CustomerName = "<img src=x onerror=alert(1)>",
            Detail = "<script>alert('detail')</script>",
            CorrelationId = "\"><svg onload=alert(1)>",
        });

        var cut = RenderPage();

        var row = SingleRow(cut);
        row.Cell("User").ShouldBe("<b>Mallory</b>");
        row.Cell("Customer").ShouldBe("<img src=x onerror=alert(1)>");
        row.Cell("Detail").ShouldEndWith("<script>alert('detail')</script>");
        row.Cell("MS-CorrelationId").ShouldBe("\"><svg onload=alert(1)>");
        cut.FindAll("#activity-table script, #activity-table img, #activity-table svg[onload], #activity-table b").ShouldBeEmpty();
    }

    [Fact]
    public void Render_MarkupInTheUsersIds_StaysInsideTheTitle()
    {
        GivenRecords(ActivitySamples.RefusedLineCancel with { UserId = "\" onmouseover=\"alert(1)", UserTenant = "<x>" });

        var cut = RenderPage();

        var user = cut.WaitForElement("#activity-table td[data-label='User'] span");
        user.HasAttribute("onmouseover").ShouldBeFalse();
        user.GetAttribute("title").ShouldBe("object id \" onmouseover=\"alert(1) · tenant <x> · instance web-1 (pid 4242)");
    }

    [Fact]
    public void Render_AddressWithMarkupInAFilter_ShowsItAsTheFiltersText()
    {
        var cut = RenderPage("activity?user=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        cut.Find("#filter-user").GetAttribute("value").ShouldBe("<script>alert(1)</script>");
        cut.FindAll("script").ShouldBeEmpty();
        ExportHref(cut).ShouldBe("activity/export.csv?user=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    }
}
