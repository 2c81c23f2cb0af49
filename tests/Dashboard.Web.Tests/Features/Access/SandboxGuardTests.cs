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
        var guard = Guard(PartnerCenterTarget.Emulator, new SandboxGuardOptions());

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBeNull();
        guard.SandboxTenantId.ShouldBe(SandboxGuard.EmulatorTenantId);
    }

    [Theory]
    [InlineData("Production", "PartnerCenter:Environment is 'Production'.")]
    [InlineData("", "PartnerCenter:Environment is not set.")]
    public void WhyNot_PartnerCenterNotASandbox_RefusesNamingTheEnvironmentSetting(string environment, string saying)
    {
        var guard = Guard(PartnerCenterTarget.Other, new SandboxGuardOptions { Environment = environment, SandboxTenantId = SandboxTenant });

        var why = guard.WhyNot(UserOf(SandboxTenant)).ShouldNotBeNull();

        why.ShouldStartWith("Cancelling is turned off: ");
        why.ShouldContain(saying);
        why.ShouldContain("(PartnerCenter:Environment = IntegrationSandbox)");
    }

    [Fact]
    public void WhyNot_IntegrationSandboxWithoutASandboxTenant_RefusesNamingTheSandboxTenantSetting()
    {
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, new SandboxGuardOptions { Environment = "IntegrationSandbox" });

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBe(
            "Cancelling is turned off: PartnerCenter:SandboxTenantId is not set, so the dashboard cannot tell that it acts for the integration sandbox account.");
    }

    [Fact]
    public void WhyNot_IntegrationSandboxAndAUserOfItsTenant_LetsThemCancel()
    {
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, SandboxOptions());

        guard.WhyNot(UserOf(SandboxTenant.ToUpperInvariant())).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_UserOfAnotherTenant_RefusesNamingBothTenants()
    {
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, SandboxOptions());

        guard.WhyNot(UserOf(OtherTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_TenantInTheLongClaimType_IsReadToo()
    {
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, SandboxOptions());
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("http://schemas.microsoft.com/identity/claims/tenantid", SandboxTenant)], "Test"));

        guard.WhyNot(user).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_AppOnlyWithTheSandboxAsTheAppTenant_LetsAUserOfAnotherTenantCancel()
    {
        var options = SandboxOptions();
        options.Authentication = "AppOnly";
        options.AppTenantId = SandboxTenant;
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, options);

        guard.WhyNot(UserOf(OtherTenant)).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_AppOnlyWithAnotherAppTenant_RefusesAUserOfTheSandboxTenant()
    {
        var options = SandboxOptions();
        options.Authentication = "AppOnly";
        options.AppTenantId = OtherTenant;
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, options);

        guard.WhyNot(UserOf(SandboxTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_UserWithoutATenant_Refuses()
    {
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, SandboxOptions());
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Olivia Operator")], "Test"));

        guard.WhyNot(user).ShouldBe(
            "Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for (the signed-in user has no tenant id).");
    }

    [Fact]
    public void WhyNot_StaticTokenOfTheSandboxTenant_LetsAnyOperatorCancel()
    {
        var options = SandboxOptions();
        options.Authentication = "StaticToken";
        options.StaticTokenTenantId = SandboxGuard.TenantOfToken(TokenOf(SandboxTenant))!;
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, options);

        guard.WhyNot(UserOf(OtherTenant)).ShouldBeNull();
    }

    [Fact]
    public void WhyNot_StaticTokenOfAnotherTenant_RefusesWhateverTheUsersTenant()
    {
        var options = SandboxOptions();
        options.Authentication = "StaticToken";
        options.StaticTokenTenantId = SandboxGuard.TenantOfToken(TokenOf(OtherTenant))!;
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, options);

        guard.WhyNot(UserOf(SandboxTenant)).ShouldBe(
            $"Cancelling is turned off: the dashboard acts for partner tenant {OtherTenant}, which is not the integration sandbox tenant {SandboxTenant} (PartnerCenter:SandboxTenantId).");
    }

    [Fact]
    public void WhyNot_StaticTokenThatIsNotAJwt_RefusesSayingTheTokensTenantIsUnknown()
    {
        var options = SandboxOptions();
        options.Authentication = "StaticToken";
        options.StaticTokenTenantId = SandboxGuard.TenantOfToken("opaque-token") ?? "";
        var guard = Guard(PartnerCenterTarget.IntegrationSandbox, options);

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
        var options = new SandboxGuardOptions { Authentication = "StaticToken", StaticTokenTenantId = OtherTenant };
        var guard = Guard(PartnerCenterTarget.Emulator, options);

        guard.WhyNot(UserOf(SandboxGuard.EmulatorTenantId)).ShouldBeNull();
    }

    private static SandboxGuard Guard(PartnerCenterTarget target, SandboxGuardOptions options) =>
        new(new PartnerCenterConnection(target, () => new Uri("https://api.partnercenter.microsoft.com/")), Options.Create(options));

    // App+User: Partner Center acts for the signed-in user's tenant.
    private static SandboxGuardOptions SandboxOptions() => new() { Environment = "IntegrationSandbox", SandboxTenantId = SandboxTenant, Authentication = "AppAndUser" };

    /// <summary>An unsigned JWT whose payload carries <paramref name="tenantId"/>, as Entra ID's access tokens do.</summary>
    private static string TokenOf(string tenantId)
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"aud":"https://api.partnercenter.microsoft.com","tid":"{{tenantId}}","scp":"user_impersonation"}""")}.sig";
    }

    private static ClaimsPrincipal UserOf(string tenantId) =>
        new(new ClaimsIdentity([new Claim("name", "Olivia Operator"), new Claim("tid", tenantId)], "Test"));
}
