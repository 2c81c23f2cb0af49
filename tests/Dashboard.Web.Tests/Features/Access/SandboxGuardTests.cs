using System.Security.Claims;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>The production guard: cancels go only to the built-in emulator or to the configured integration sandbox tenant.</summary>
public sealed class SandboxGuardTests
{
    private const string SandboxTenant = "7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0";

    private const string OtherTenant = "0f1e2d3c-4b5a-4687-9a8b-c7d6e5f4a3b2";

    [Fact]
    public void WhyNot_BuiltInEmulatorWithoutAConfiguredTenant_LetsAUserOfTheEmulatorTenantCancel()
    {
        var guard = new SandboxGuard(TestSettings.BuiltInEmulator());

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBeNull();
        guard.SandboxTenantId.ShouldBe(SandboxGuard.EmulatorTenantId);
    }

    [Theory]
    [InlineData("Production", "PartnerCenter:Environment is 'Production'.")]
    [InlineData("", "PartnerCenter:Environment is not set.")]
    public void WhyNot_PartnerCenterNotASandbox_RefusesNamingTheEnvironmentSetting(string environment, string saying)
    {
        var guard = new SandboxGuard(TestSettings.NotASandbox(("PartnerCenter:Environment", environment), ("PartnerCenter:SandboxTenantId", SandboxTenant)));

        var why = guard.WhyNot(UserOf(SandboxTenant)).ShouldNotBeNull();

        why.ShouldStartWith("Cancelling is turned off: ");
        why.ShouldContain(saying);
        why.ShouldContain("(PartnerCenter:Environment = IntegrationSandbox)");
    }

    [Fact]
    public void WhyNot_IntegrationSandboxWithoutASandboxTenant_RefusesNamingTheSandboxTenantSetting()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(""));

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBe(
            "Cancelling is turned off: PartnerCenter:SandboxTenantId is not set, so the dashboard cannot tell that it acts for the integration sandbox account.");
    }

    [Fact]
    public void WhyNot_IntegrationSandboxAndAUserOfItsTenant_LetsThemCancel()
    {
        var guard = SandboxGuardForAppAndUser();

        guard.WhyNot(UserOf(SandboxTenant.ToUpperInvariant())).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_UserOfAnotherTenant_RefusesNamingBothTenants()
    {
        var guard = SandboxGuardForAppAndUser();

        guard.WhyNot(UserOf(OtherTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_TenantInTheLongClaimType_IsReadToo()
    {
        var guard = SandboxGuardForAppAndUser();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("http://schemas.microsoft.com/identity/claims/tenantid", SandboxTenant)], "Test"));

        guard.WhyNot(user).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_AppOnlyWithTheSandboxAsTheAppTenant_LetsAUserOfAnotherTenantCancel()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "AppOnly"), ("AzureAd:TenantId", SandboxTenant)));

        guard.WhyNot(UserOf(OtherTenant)).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_AppOnlyWithAnotherAppTenant_RefusesAUserOfTheSandboxTenant()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "AppOnly"), ("AzureAd:TenantId", OtherTenant)));

        guard.WhyNot(UserOf(SandboxTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_UserWithoutATenant_Refuses()
    {
        var guard = SandboxGuardForAppAndUser();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Olivia Operator")], "Test"));

        guard.WhyNot(user).ShouldBe(
            "Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for (the signed-in user has no tenant id).");
    }

    [Fact]
    public void WhyNot_StaticTokenOfTheSandboxTenant_LetsAnyOperatorCancel()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", TokenOf(SandboxTenant))));

        guard.WhyNot(UserOf(OtherTenant)).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_StaticTokenOfAnotherTenant_RefusesWhateverTheUsersTenant()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", TokenOf(OtherTenant))));

        guard.WhyNot(UserOf(SandboxTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_StaticTokenThatIsNotAJwt_RefusesSayingTheTokensTenantIsUnknown()
    {
        var guard = new SandboxGuard(TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", "opaque-token")));

        guard.WhyNot(UserOf(SandboxTenant)).ShouldBe(
            "Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for (PartnerCenter:StaticToken has no tenant id).");
    }

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.b")]
    [InlineData("a.%%%.c")]
    [InlineData("a.bm90IGpzb24.c")]
    [InlineData("")]
    [InlineData(null)]
    public void TenantOfToken_NotAJwtWithATenant_IsNull(string? token) =>
        SandboxGuard.TenantOfToken(token).ShouldBeNull();

    [Fact]
    public void WhyNot_BuiltInEmulatorWithAStaticToken_GoesByTheSignedInUser()
    {
        var guard = new SandboxGuard(TestSettings.BuiltInEmulator(("PartnerCenter:StaticToken", TokenOf(OtherTenant))));

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBeNull();
    }

    // App+User: Partner Center acts for the signed-in user's tenant.
    private static SandboxGuard SandboxGuardForAppAndUser() => new(TestSettings.IntegrationSandbox(SandboxTenant));

    /// <summary>An unsigned JWT whose payload carries <paramref name="tenantId"/>, as Entra ID's access tokens do.</summary>
    private static string TokenOf(string tenantId)
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"aud":"https://api.partnercenter.microsoft.com","tid":"{{tenantId}}","scp":"user_impersonation"}""")}.sig";
    }

    private static ClaimsPrincipal UserOf(string tenantId) =>
        new(new ClaimsIdentity([new Claim("name", "Olivia Operator"), new Claim("tid", tenantId)], "Test"));
}
