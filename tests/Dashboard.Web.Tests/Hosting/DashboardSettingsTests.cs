namespace Dashboard.Web.Tests.Hosting;

/// <summary>The host's settings, resolved once: what they say, and what they never print.</summary>
public sealed class DashboardSettingsTests
{
    [Fact]
    public void ToString_SettingsHoldingSecrets_PrintsNoneOfThem()
    {
        var settings = TestSettings.NotASandbox(
            ("PartnerCenter:StaticToken", "static-token-secret"),
            ("TokenCache:Redis", "redis.internal:6380,password=redis-secret"),
            ("DataProtection:CertificatePath", "/certs/keys.pfx"),
            ("DataProtection:CertificatePassword", "certificate-secret"));

        var printed = settings.ToString();

        printed.ShouldNotContain("static-token-secret");
        printed.ShouldNotContain("redis-secret");
        printed.ShouldNotContain("certificate-secret");
    }

    [Fact]
    public void Resolve_BuiltInEmulatorWithoutAToken_MakesOneForThisProcess()
    {
        var first = TestSettings.BuiltInEmulator().PartnerCenter.StaticToken;
        var second = TestSettings.BuiltInEmulator().PartnerCenter.StaticToken;

        first.ShouldStartWith("emulator-");
        first.ShouldNotBe(second);
    }
}
