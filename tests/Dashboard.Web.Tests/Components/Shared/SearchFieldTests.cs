using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

/// <summary>
/// The pages' search box: a labelled native search input that reports every keystroke, never writes back the page's
/// own answer to what is being typed, and shows a search that changed from elsewhere.
/// </summary>
public sealed class SearchFieldTests : DashboardTestContext
{
    [Fact]
    public void Render_LabelAndValue_ShowsALabelledSearchInputWithTheValue()
    {
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "order-search").Add(f => f.Label, "Search").Add(f => f.Value, "Power BI")
            .Add(f => f.Placeholder, "Order id or product"));

        var input = cut.Find("input#order-search");
        input.GetAttribute("type").ShouldBe("search");
        input.GetAttribute("value").ShouldBe("Power BI");
        input.GetAttribute("maxlength").ShouldBe("256");
        input.GetAttribute("placeholder").ShouldBe("Order id or product");
        cut.Find("label[for='order-search']").TextContent.ShouldBe("Search");
        cut.ControlsWithoutAName().ShouldBeEmpty();
    }

    [Fact]
    public void Input_EveryKeystroke_IsReportedAsTyped()
    {
        var typed = new List<string?>();
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search").Add(f => f.ValueChanged, text => typed.Add(text)));

        cut.Find("#s").Input("Po");
        cut.Find("#s").Input("Pow ");
        cut.Find("#s").Input("");

        typed.ShouldBe(["Po", "Pow ", ""]);
    }

    [Fact]
    public void Render_ThePagesTrimmedAnswerToTheTyping_LeavesTheBoxAsTyped()
    {
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search"));

        cut.Find("#s").Input("Power ");
        // The page's pause has passed: it searches for "Power" and puts it in the address, and so in Value.
        cut.Render(p => p.Add(f => f.Value, "Power"));

        // Never written: the user's trailing space (and anything typed since) stays.
        cut.Find("#s").HasAttribute("value").ShouldBeFalse();
    }

    [Fact]
    public void Render_SearchChangedFromElsewhere_ShowsIt()
    {
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search"));
        cut.Find("#s").Input("Power");
        cut.Render(p => p.Add(f => f.Value, "Power"));

        // "Clear filters", or Back to an address without a search.
        cut.Render(p => p.Add(f => f.Value, null));

        // (A new, empty element in the browser: the old one holds what the user typed; the end-to-end tests see it.)
        cut.Find("#s").HasAttribute("value").ShouldBeFalse();
        cut.FindAll("button[aria-label='Clear the search']").ShouldBeEmpty();
        // Back to an address with another search.
        cut.Render(p => p.Add(f => f.Value, "Visual Studio"));
        cut.Find("#s").GetAttribute("value").ShouldBe("Visual Studio");
    }

    [Fact]
    public void Render_ParentRendersAgainWhileTheUserTypes_LeavesTheBoxAlone()
    {
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search").Add(f => f.Value, "Power"));

        cut.Find("#s").Input("Power B");
        // Another filter changes before the pause has passed: the page renders with its search as it was.
        cut.Render(p => p.Add(f => f.Value, "Power"));

        cut.Find("#s").GetAttribute("value").ShouldBe("Power");
    }

    [Fact]
    public void Clear_Click_ReportsAnEmptySearchAndEmptiesTheBox()
    {
        var typed = new List<string?>();
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search").Add(f => f.ValueChanged, text => typed.Add(text)));
        cut.FindAll("button[aria-label='Clear the search']").ShouldBeEmpty();
        cut.Find("#s").Input("Power");

        cut.Find("button[aria-label='Clear the search']").Click();

        typed.ShouldBe(["Power", ""]);
        cut.Find("#s").GetAttribute("value").ShouldBe("");
        cut.FindAll("button[aria-label='Clear the search']").ShouldBeEmpty();
    }
}
