using Dashboard.Web.Components.Layout;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>What the dashboard acts on must be impossible to miss: the emulator, a sandbox, or anything else in red.</summary>
public sealed class PartnerCenterBadgeTests : DashboardTestContext
{
    [Theory]
    [InlineData(PartnerCenterTarget.Emulator, "http://127.0.0.1:5399/", "Emulator", "emulator", "mud-chip-color-warning")]
    [InlineData(PartnerCenterTarget.IntegrationSandbox, "https://api.partnercenter.microsoft.com/", "Integration sandbox", "sandbox", "mud-chip-color-info")]
    [InlineData(PartnerCenterTarget.Other, "https://api.partnercenter.microsoft.com/", "Not a sandbox: api.partnercenter.microsoft.com", "other", "mud-chip-color-error")]
    public void Render_Target_SaysWhichPartnerCenterInItsColour(PartnerCenterTarget target, string address, string text, string dataTarget, string colour)
    {
        Settings = target switch
        {
            PartnerCenterTarget.Emulator => TestSettings.BuiltInEmulator(),
            PartnerCenterTarget.IntegrationSandbox => TestSettings.IntegrationSandbox("7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0"),
            _ => TestSettings.NotASandbox(),
        };
        Services.AddSingleton(new PartnerCenterConnection(() => new Uri(address)));

        var cut = Render<PartnerCenterBadge>();

        var badge = cut.Find("#partner-center-target");
        badge.TextContent.Trim().ShouldBe(text);
        badge.GetAttribute("data-target").ShouldBe(dataTarget);
        badge.ClassList.ShouldContain(colour);
    }

    [Fact]
    public void Tooltip_Emulator_SaysNoRealAccountIsTouched()
    {
        var cut = Render<PartnerCenterBadge>();

        cut.Find("#partner-center-target").GetAttribute("title").ShouldBe(
            "Partner Center calls go to the built-in integration-sandbox emulator at http://127.0.0.1:5399/. No real Partner Center account is touched.");
    }

    [Fact]
    public void Tooltip_NotASandbox_SaysHowToMarkASandbox()
    {
        Settings = TestSettings.NotASandbox();
        Services.AddSingleton(new PartnerCenterConnection(() => new Uri("https://partner.contoso.example/")));
        var cut = Render<PartnerCenterBadge>();

        cut.Find("#partner-center-target").GetAttribute("title").ShouldBe(
            "Partner Center calls go to https://partner.contoso.example/, and nothing says this is an integration sandbox account. "
            + "Set PartnerCenter:Environment to IntegrationSandbox for a sandbox.");
    }
}
