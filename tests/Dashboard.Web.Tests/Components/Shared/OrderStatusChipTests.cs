using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class OrderStatusChipTests : DashboardTestContext
{
    [Theory]
    [InlineData(OrderStatus.Completed, "completed", "Completed", "status-success")]
    [InlineData(OrderStatus.Pending, "pending", "Pending", "status-warning")]
    [InlineData(OrderStatus.Cancelled, "cancelled", "Cancelled", "status-error")]
    public void Render_KnownStatus_ShowsItsNameAndColour(OrderStatus status, string raw, string expectedText, string expectedClass)
    {
        var cut = Render<OrderStatusChip>(parameters => parameters.Add(p => p.Status, status).Add(p => p.StatusText, raw));

        var chip = cut.Find(".order-status-chip");
        chip.TextContent.ShouldBe(expectedText);
        chip.GetAttribute("data-status").ShouldBe(status.ToString());
        chip.ClassList.ShouldContain(expectedClass);
    }

    [Fact]
    public void Render_UnknownStatus_ShowsWhatPartnerCenterWrote()
    {
        var cut = Render<OrderStatusChip>(parameters => parameters.Add(p => p.Status, OrderStatus.Unknown).Add(p => p.StatusText, "none"));

        var chip = cut.Find(".order-status-chip");
        chip.TextContent.ShouldBe("Unknown (none)");
        chip.GetAttribute("data-status").ShouldBe("Unknown");
        chip.ClassList.ShouldContain("status-default");
    }

    [Fact]
    public void Render_AnyStatus_IsOneSpanWithNothingInteractive()
    {
        // Drawn once per row of a 50-row table: one element, no button, no MudChip, no tooltip.
        var cut = Render<OrderStatusChip>(parameters => parameters.Add(p => p.Status, OrderStatus.Completed));

        var chip = cut.Nodes.OfType<AngleSharp.Dom.IElement>().ShouldHaveSingleItem();
        chip.LocalName.ShouldBe("span");
        chip.Children.ShouldBeEmpty();
        chip.HasAttribute("tabindex").ShouldBeFalse();
        chip.HasAttribute("role").ShouldBeFalse();
    }
}
