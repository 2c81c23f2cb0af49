using AngleSharp.Dom;
using Dashboard.Orders.Activity;
using ActivityPage = Dashboard.Web.Features.Activity.ActivityPage;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// The activity page against a substitute log: <see cref="GivenRecords"/> says what the log holds, and the log answers
/// each query with the page it asks for (its Skip and Take), as the database would.
/// </summary>
public abstract class ActivityPageTestContext : DashboardTestContext
{
    protected ActivityPageTestContext() => Providers = RenderMudProviders();

    protected MudProviders Providers { get; }

    /// <summary>The log holds <paramref name="records"/>, in the order of every query (sort is the log's business).</summary>
    protected void GivenRecords(params ActivityEntry[] records) =>
        ActivityLog.QueryAsync(Arg.Any<ActivityQuery>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var query = call.Arg<ActivityQuery>();
                return new Dashboard.Orders.Activity.ActivityResults([.. records.Skip(query.Skip).Take(query.Take)], records.Length);
            });

    /// <summary>Opens the activity page at <paramref name="address"/> (with its query string) and waits for its first read.</summary>
    protected IRenderedComponent<ActivityPage> RenderPage(string address = "activity")
    {
        GivenTheAddressIs(address);
        var cut = Render<ActivityPage>();
        cut.WaitForAssertion(() => Queries.ShouldNotBeEmpty());
        return cut;
    }

    /// <summary>Every query the page sent to the log, in order.</summary>
    protected IReadOnlyList<ActivityQuery> Queries =>
    [
        .. ActivityLog.ReceivedCalls()
            .Where(c => c.GetMethodInfo().Name == nameof(IActivityLog.QueryAsync))
            .Select(c => (ActivityQuery)c.GetArguments()[0]!),
    ];

    /// <summary>The query the rows on screen come from.</summary>
    protected ActivityQuery LastQuery => Queries[^1];

    /// <summary>What the first page of the log, newest first and 50 at a time, is asked for with these filters.</summary>
    protected static ActivityQuery FirstPage => new() { Sort = ActivitySort.Time, Descending = true, Skip = 0, Take = 50 };

    protected static IReadOnlyList<IElement> Rows(IRenderedComponent<ActivityPage> cut) =>
        cut.TableRows("activity-table").Where(r => r.QuerySelector("td[data-label='Time (UTC)']") is not null).ToList();

    /// <summary>The one row shown, once the log has answered.</summary>
    protected static IElement SingleRow(IRenderedComponent<ActivityPage> cut)
    {
        cut.WaitForAssertion(() => Rows(cut).Count.ShouldBe(1));
        return Rows(cut)[0];
    }

    /// <summary>The details of the rows shown, which the samples use as their names.</summary>
    protected static List<string> ShownDetails(IRenderedComponent<ActivityPage> cut) =>
        [.. Rows(cut).Select(r => r.Cell("Detail"))];

    /// <summary>Opens a MudSelect and clicks one of its items, as a person does.</summary>
    protected void Choose(IRenderedComponent<ActivityPage> cut, string selectId, string item)
    {
        cut.WaitForElement($"#{selectId}").Closest(".mud-input-control")!.MouseDown();
        Providers.Popovers.WaitForAssertion(() => Providers.Popovers.FindAll(".mud-popover-open .mud-list-item")
            .Single(i => i.TextContent.Trim() == item).Click());
    }

    /// <summary>
    /// A day chosen in a date picker, as its calendar reports it. The calendar opens at today's month, which a test cannot
    /// fix, so the choice goes through the picker's own DateChanged, as a click on a day does.
    /// </summary>
    protected static async Task PickDayAsync(IRenderedComponent<ActivityPage> cut, string label, DateOnly? day)
    {
        var picker = cut.FindComponents<MudBlazor.MudDatePicker>().Single(p => p.Instance.Label == label);
        await cut.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(day?.ToDateTime(TimeOnly.MinValue)));
    }

    /// <summary>The href of the Download CSV link.</summary>
    protected static string? ExportHref(IRenderedComponent<ActivityPage> cut) =>
        cut.Find("#export-activity").GetAttribute("href");
}
