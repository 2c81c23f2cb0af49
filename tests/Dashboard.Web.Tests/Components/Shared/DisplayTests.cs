using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class DisplayTests
{
    [Theory]
    [InlineData("P1Y", "1 year")]
    [InlineData("P3Y", "3 years")]
    [InlineData("P1M", "1 month")]
    [InlineData("P30D", "30 days")]
    [InlineData(null, "Perpetual")]
    [InlineData("", "Perpetual")]
    [InlineData("P1Y6M", "P1Y6M")]
    public void Term_IsoDuration_ReadsAsWords(string? isoDuration, string expected) =>
        Display.Term(isoDuration).ShouldBe(expected);

    [Fact]
    public void Date_WithOffset_ShowsUtc() =>
        Display.Date(new DateTimeOffset(2026, 11, 20, 0, 30, 0, TimeSpan.FromHours(2))).ShouldBe("2026-11-19 22:30 UTC");

    [Fact]
    public void Date_Missing_ShowsDash() => Display.Date(null).ShouldBe("—");

    [Theory]
    [InlineData(BillingCycle.OneTime, "one_time", "One-time")]
    [InlineData(BillingCycle.Triennial, "triennial", "Triennial")]
    [InlineData(BillingCycle.Unknown, "quadrennial", "quadrennial")]
    [InlineData(BillingCycle.Unknown, null, "—")]
    public void BillingCycle_ReadsAsWords(BillingCycle cycle, string? raw, string expected) =>
        Display.BillingCycle(cycle, raw).ShouldBe(expected);
}
