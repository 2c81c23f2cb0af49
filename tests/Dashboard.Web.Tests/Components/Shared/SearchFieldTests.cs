using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

/// <summary>The pages' search box: a labelled native search input that reports every keystroke and never types back.</summary>
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
    public void Input_EveryKeystroke_IsReportedAsTypedWithoutBeingWrittenBack()
    {
        var typed = new List<string?>();
        var cut = Render<SearchField>(p => p.Add(f => f.Id, "s").Add(f => f.Label, "Search").Add(f => f.ValueChanged, text => typed.Add(text)));

        cut.Find("#s").Input("Po");
        cut.Find("#s").Input("Pow ");
        cut.Find("#s").Input("");

        typed.ShouldBe(["Po", "Pow ", ""]);
        // What the user types stays the browser's: the value written is the page's, which has not changed.
        cut.Find("#s").HasAttribute("value").ShouldBeFalse();
    }
}
