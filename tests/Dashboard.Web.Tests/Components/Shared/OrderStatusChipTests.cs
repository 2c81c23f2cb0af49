using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class OrderStatusChipTests : DashboardTestContext
{
    [Theory]
    [InlineData(OrderStatus.Completed, "completed", "Completed", "mud-chip-color-success")]
    [InlineData(OrderStatus.Pending, "pending", "Pending", "mud-chip-color-warning")]
    [InlineData(OrderStatus.Cancelled, "cancelled", "Cancelled", "mud-chip-color-error")]
    public void Render_KnownStatus_ShowsItsNameAndColour(OrderStatus status, string raw, string expectedText, string expectedClass)
    {
        var cut = Render<OrderStatusChip>(parameters => parameters.Add(p => p.Status, status).Add(p => p.StatusText, raw));

        var chip = cut.Find(".mud-chip");
        chip.TextContent.ShouldBe(expectedText);
        chip.GetAttribute("data-status").ShouldBe(status.ToString());
        chip.ClassList.ShouldContain(expectedClass);
    }

    [Fact]
    public void Render_UnknownStatus_ShowsWhatPartnerCenterWrote()
    {
        var cut = Render<OrderStatusChip>(parameters => parameters.Add(p => p.Status, OrderStatus.Unknown).Add(p => p.StatusText, "none"));

        var chip = cut.Find(".mud-chip");
        chip.TextContent.ShouldBe("Unknown (none)");
        chip.GetAttribute("data-status").ShouldBe("Unknown");
    }
}
