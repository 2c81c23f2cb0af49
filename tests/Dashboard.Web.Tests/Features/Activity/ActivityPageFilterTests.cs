using Dashboard.Orders.Activity;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// The activity page's filters are the log's query: each one reaches the log, and lives in the address, so that a view
/// can be shared, survives a reload, and is what the CSV download exports.
/// </summary>
public sealed class ActivityPageFilterTests : ActivityPageTestContext
{
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public ActivityPageFilterTests() => GivenRecords(ActivitySamples.RefusedLineCancel, ActivitySamples.JobCancel);

    [Fact]
    public void Render_NoFilters_AsksForTheFirst50RecordsNewestFirst()
    {
        RenderPage();

        _ = ActivityLog.Received(1).QueryAsync(FirstPage, Arg.Any<CancellationToken>());
        CurrentAddress.ShouldBe("/activity");
    }

    [Fact]
    public void UserFilter_Type_AsksTheLogForThatUserAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        cut.Find("#filter-user").Input("  Olivia ");

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { User = "Olivia" }));
        _ = ActivityLog.Received(1).QueryAsync(FirstPage with { User = "Olivia" }, Arg.Any<CancellationToken>());
        CurrentQuery["user"].ShouldBe("Olivia");
    }

    [Fact]
    public void CustomerFilter_Type_AsksTheLogForThatCustomerAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        cut.Find("#filter-customer").Input("Contoso");

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Customer = "Contoso" }));
        CurrentQuery["customer"].ShouldBe("Contoso");
    }

    [Fact]
    public void OrderFilter_Type_AsksTheLogForThatOrderIdAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        cut.Find("#filter-order").Input(Sandbox.SoftwareOrder.Id);

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { OrderId = Sandbox.SoftwareOrder.Id }));
        CurrentQuery["order"].ShouldBe(Sandbox.SoftwareOrder.Id);
    }

    [Fact]
    public void UserFilter_Type_AsksOnlyOnceTheUserHasPausedForTheSearchDebounce()
    {
        var pause = TimeSpan.FromMilliseconds(300);
        GivenTheSearchBoxesPause(pause);
        var cut = RenderPage();

        cut.Find("#filter-user").Input("Olivia");
        Time.Advance(pause - TimeSpan.FromMilliseconds(1));

        Queries.ShouldNotContain(q => q.User != null);
        CurrentQuery.ContainsKey("user").ShouldBeFalse();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { User = "Olivia" }));
        CurrentQuery["user"].ShouldBe("Olivia");
    }

    [Fact]
    public void ActionFilter_Choose_AsksTheLogForThatActionAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        Choose(cut, "filter-action", "Cancel order");

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Action = ActivityAction.CancelOrder }));
        CurrentQuery["action"].ShouldBe("CancelOrder");
    }

    [Fact]
    public void OutcomeFilter_Choose_AsksTheLogForThatOutcomeAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        Choose(cut, "filter-outcome", "Denied by the dashboard");

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Outcome = ActivityOutcome.Denied }));
        CurrentQuery["outcome"].ShouldBe("Denied");
    }

    [Fact]
    public void OutcomeFilter_Choose_ShowsTheOutcomeInWords()
    {
        var cut = RenderPage();

        Choose(cut, "filter-outcome", "Already done");

        cut.WaitForAssertion(() => cut.Find("#filter-outcome").GetAttribute("value").ShouldBe("Already done"));
    }

    [Fact]
    public async Task FromDate_Pick_AsksFromTheStartOfThatDayUtcAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        await PickDayAsync(cut, "From (UTC)", new DateOnly(2026, 11, 20));

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { From = Nov20 }));
        CurrentQuery["from"].ShouldBe("2026-11-20");
    }

    [Fact]
    public async Task ToDate_Pick_AsksUpToTheEndOfThatDayUtcAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        await PickDayAsync(cut, "To (UTC)", new DateOnly(2026, 11, 20));

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { To = Nov20.AddDays(1) }));
        CurrentQuery["to"].ShouldBe("2026-11-20");
    }

    [Fact]
    public void Render_AddressWithEveryFilter_AsksTheLogForThatViewFirst()
    {
        RenderPage($"activity?from=2026-11-20&to=2026-11-24&user=Olivia&customer=Contoso&order={Sandbox.SoftwareOrder.Id}"
            + $"&job={ActivitySamples.JobId}&action=CancelLines&outcome=Refused&sort=User&desc=false&page=2&size=25");

        Queries[0].ShouldBe(new ActivityQuery
        {
            From = Nov20,
            To = Nov20.AddDays(5),
            User = "Olivia",
            Customer = "Contoso",
            OrderId = Sandbox.SoftwareOrder.Id,
            JobId = ActivitySamples.JobId,
            Action = ActivityAction.CancelLines,
            Outcome = ActivityOutcome.Refused,
            Sort = ActivitySort.User,
            Descending = false,
            Skip = 25,
            Take = 25,
        });
    }

    [Fact]
    public void Render_AddressWithFilters_ShowsThemInTheirControls()
    {
        var cut = RenderPage($"activity?from=2026-11-20&user=Olivia&customer=Contoso&order=order-7&action=CancelLines&outcome=Refused&job={ActivitySamples.JobId}");

        cut.Find("#filter-from").GetAttribute("value").ShouldBe("2026-11-20");
        cut.Find("#filter-user").GetAttribute("value").ShouldBe("Olivia");
        cut.Find("#filter-customer").GetAttribute("value").ShouldBe("Contoso");
        cut.Find("#filter-order").GetAttribute("value").ShouldBe("order-7");
        cut.Find("#filter-action").GetAttribute("value").ShouldBe("Cancel lines");
        cut.Find("#filter-outcome").GetAttribute("value").ShouldBe("Refused by Partner Center");
        cut.Find("#filter-job").VisibleText().ShouldBe($"Job {ActivitySamples.JobId}");
    }

    [Fact]
    public void Address_ChangedByTheUser_ShowsThatView()
    {
        var cut = RenderPage("activity?user=Olivia");

        // Back, or a link to a job's records: the router sets the page's parameters again at the new address.
        GivenTheAddressIs($"activity?job={ActivitySamples.JobId}");
        cut.Render(_ => { });

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { JobId = ActivitySamples.JobId }));
        cut.WaitForElement("#filter-job");
        cut.Find("#filter-user").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Theory]
    [InlineData("page=9999999999&desc=maybe&from=notadate&action=Nope&size=7")]
    [InlineData("page=-1&size=0&to=2026-13-45&outcome=42&sort=Password&job=not-a-guid")]
    [InlineData("page=1.5&size=abc&from=20261120&action=&outcome=Applied,Refused&sort=")]
    [InlineData("from=0001-01-01&to=9999-12-31&action=0&outcome=%00")]
    public void Render_AddressWithValuesItCannotUse_ReadsThemAsTheDefaults(string query)
    {
        var cut = RenderPage($"activity?{query}");

        cut.WaitForElement("#activity-table");
        Queries.ShouldAllBe(q => q == FirstPage);
        cut.WaitForAssertion(() => CurrentAddress.ShouldBe("/activity"));
    }

    [Fact]
    public void Render_AddressWithAValueTwice_IgnoresThatFilter()
    {
        RenderPage("activity?user=Olivia&user=Riley&customer=Contoso");

        LastQuery.ShouldBe(FirstPage with { Customer = "Contoso" });
    }

    [Fact]
    public void Filter_ChangedOnPageTwo_StartsAgainAtPageOne()
    {
        GivenRecords(ActivitySamples.Many(120));
        var cut = RenderPage("activity?page=2");
        LastQuery.Skip.ShouldBe(50);

        Choose(cut, "filter-action", "Export CSV");

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Action = ActivityAction.Export }));
        CurrentQuery.Keys.ShouldNotContain("page");
    }

    [Fact]
    public void ClearFilters_Click_AsksForEverythingAndEmptiesTheFiltersInTheAddress()
    {
        var cut = RenderPage($"activity?from=2026-11-20&user=Olivia&customer=Contoso&order=o-1&action=CancelLines&outcome=Refused&job={ActivitySamples.JobId}&size=25");

        cut.WaitForElement("#clear-filters").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { Take = 25 }));
        CurrentAddress.ShouldBe("/activity?size=25");
        cut.FindAll("#clear-filters").ShouldBeEmpty();
        cut.Find("#filter-user").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public void JobChip_Close_TakesTheJobFilterAway()
    {
        var cut = RenderPage($"activity?job={ActivitySamples.JobId}&user=Olivia");

        cut.Find("button[aria-label=\"Remove the job filter\"]").Click();

        cut.WaitForAssertion(() => LastQuery.ShouldBe(FirstPage with { User = "Olivia" }));
        CurrentQuery.Keys.ShouldNotContain("job");
        cut.FindAll("#filter-job").ShouldBeEmpty();
    }

    [Fact]
    public void DownloadCsv_AddressWithFilters_CarriesTheSameFiltersAndSortButNotThePage()
    {
        var cut = RenderPage($"activity?from=2026-11-20&to=2026-11-24&user=Olivia Operator&customer=Contoso&order=o-1&job={ActivitySamples.JobId}"
            + "&action=CancelLines&outcome=Refused&sort=User&desc=false&page=2&size=25");

        ExportHref(cut).ShouldBe($"activity/export.csv?from=2026-11-20&to=2026-11-24&user=Olivia%20Operator&customer=Contoso&order=o-1"
            + $"&job={ActivitySamples.JobId}&action=CancelLines&outcome=Refused&sort=User&desc=false");
    }

    [Fact]
    public void DownloadCsv_FilterChosen_FollowsIt()
    {
        var cut = RenderPage();
        ExportHref(cut).ShouldBe("activity/export.csv");

        Choose(cut, "filter-outcome", "Outcome unknown");

        cut.WaitForAssertion(() => ExportHref(cut).ShouldBe("activity/export.csv?outcome=Unknown"));
    }
}
