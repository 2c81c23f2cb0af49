using AngleSharp.Dom;
using Dashboard.Orders.Activity;
using ActivityPage = Dashboard.Web.Features.Activity.ActivityPage;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// Sorting and paging happen in the database: a click on a column or a page becomes the log's query (Sort, Descending,
/// Skip, Take), and both are kept in the address.
/// </summary>
public sealed class ActivityPageSortingAndPagingTests : ActivityPageTestContext
{
    public ActivityPageSortingAndPagingTests() => GivenRecords(ActivitySamples.Many(120));

    [Fact]
    public void Render_120Records_ShowsTheFirst50()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => ShownDetails(cut).ShouldBe([.. Enumerable.Range(1, 50).Select(i => $"export-{i:000}")]));
        PagerInfo(cut).ShouldBe("1–50 of 120");
    }

    [Fact]
    public void SortLabel_ClickUser_AsksForUsersInAscendingOrderAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        SortLabel(cut, "User").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Sort = ActivitySort.User, Descending = false }));
        CurrentQuery["sort"].ShouldBe("User");
        CurrentQuery["desc"].ShouldBe("false");
    }

    [Fact]
    public void SortLabel_ClickUserTwice_AsksForUsersInDescendingOrder()
    {
        var cut = RenderPage();
        SortLabel(cut, "User").Click();
        cut.WaitForAssertion(() => LastQuery.Sort.ShouldBe(ActivitySort.User));

        SortLabel(cut, "User").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Sort = ActivitySort.User, Descending = true }));
        CurrentQuery["sort"].ShouldBe("User");
        CurrentQuery.Keys.ShouldNotContain("desc");
    }

    [Theory]
    [InlineData("Action", ActivitySort.Action)]
    [InlineData("Customer", ActivitySort.Customer)]
    [InlineData("Outcome", ActivitySort.Outcome)]
    public void SortLabel_Click_AsksTheLogToSortByThatColumn(string header, ActivitySort sort)
    {
        var cut = RenderPage();

        SortLabel(cut, header).Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Sort = sort, Descending = false }));
    }

    [Fact]
    public void Render_AddressWithSort_AsksForThatOrderAndMarksTheColumn()
    {
        var cut = RenderPage("activity?sort=Outcome&desc=false");

        LastQuery.ShouldBe(FirstPage with { Sort = ActivitySort.Outcome, Descending = false });
        Queries.ShouldAllBe(q => q.Sort == ActivitySort.Outcome);
        SortLabel(cut, "Outcome").QuerySelector(".mud-direction-asc").ShouldNotBeNull();
    }

    [Fact]
    public void Render_AddressWithOldestFirst_AsksForTimeAscending()
    {
        RenderPage("activity?desc=false");

        LastQuery.ShouldBe(FirstPage with { Descending = false });
    }

    [Fact]
    public void SortLabel_Clicked_MakesTheDownloadSortTheSameWay()
    {
        var cut = RenderPage();

        SortLabel(cut, "Customer").Click();

        cut.WaitForAssertion(() => ExportHref(cut).ShouldBe("activity/export.csv?sort=Customer&desc=false"));
    }

    [Fact]
    public void NextPage_Click_AsksForTheNext50AndPutsThePageInTheAddress()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => ShownDetails(cut).Count.ShouldBe(50));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Skip = 50 }));
        cut.WaitForAssertion(() => ShownDetails(cut)[0].ShouldBe("export-051"));
        CurrentQuery["page"].ShouldBe("2");
    }

    [Fact]
    public void PreviousPage_Click_GoesBackAndTakesThePageOutOfTheAddress()
    {
        var cut = RenderPage("activity?page=2");
        cut.WaitForAssertion(() => ShownDetails(cut)[0].ShouldBe("export-051"));

        cut.Find("button[aria-label='Previous page']").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage));
        CurrentQuery.Keys.ShouldNotContain("page");
    }

    [Fact]
    public void Render_AddressWithTheLastPage_ShowsTheRest()
    {
        var cut = RenderPage("activity?page=3");

        cut.WaitForAssertion(() => ShownDetails(cut).ShouldBe([.. Enumerable.Range(101, 20).Select(i => $"export-{i:000}")]));
        Queries.ShouldAllBe(q => q.Skip == 100 && q.Take == 50);
    }

    [Fact]
    public void Render_AddressWithSize25_Asks25AtATime()
    {
        var cut = RenderPage("activity?size=25&page=2");

        cut.WaitForAssertion(() => ShownDetails(cut).Count.ShouldBe(25));
        LastQuery.ShouldBe(FirstPage with { Skip = 25, Take = 25 });
    }

    [Fact]
    public void PageSize_Choose100_Asks100AtATimeAndPutsItInTheAddress()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => ShownDetails(cut).Count.ShouldBe(50));

        cut.Find(".mud-table-pagination .mud-input-control").MouseDown();
        Providers.Popovers.WaitForAssertion(() => Providers.Popovers.FindAll(".mud-popover-open .mud-list-item")
            .Single(i => i.TextContent.Trim() == "100").Click());

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Take = 100 }));
        cut.WaitForAssertion(() => ShownDetails(cut).Count.ShouldBe(100));
        CurrentQuery["size"].ShouldBe("100");
    }

    [Fact]
    public void Render_AddressWithAPageBeyondTheEnd_ShowsTheLastPageAndSaysSoInTheAddress()
    {
        GivenRecords(ActivitySamples.Many(70));

        var cut = RenderPage("activity?page=9");

        cut.WaitForAssertion(() => ShownDetails(cut).ShouldBe([.. Enumerable.Range(51, 20).Select(i => $"export-{i:000}")]));
        LastQuery.ShouldBe(FirstPage with { Skip = 50 });
        cut.WaitForAssertion(() => CurrentQuery["page"].ShouldBe("2"));
        cut.WaitForAssertion(() => PagerInfo(cut).ShouldBe("51–70 of 70"));
    }

    [Fact]
    public void Render_AddressWithAPageBeyondTheEnd_AsksForItOnceThenOnlyForTheLastPage()
    {
        GivenRecords(ActivitySamples.Many(70));

        var cut = RenderPage("activity?page=9");

        cut.WaitForAssertion(() => ShownDetails(cut).Count.ShouldBe(20));
        Queries[0].Skip.ShouldBe(400);
        Queries.Skip(1).ShouldAllBe(q => q.Skip == 50);
    }

    private static string PagerInfo(IRenderedComponent<ActivityPage> cut) =>
        cut.FindAll(".mud-table-pagination-caption")[^1].TextContent.Trim();

    private static IElement SortLabel(IRenderedComponent<ActivityPage> cut, string header) =>
        cut.WaitForElement("#activity-table").QuerySelectorAll("thead .mud-table-sort-label").Single(l => l.TextContent.Trim() == header);
}
