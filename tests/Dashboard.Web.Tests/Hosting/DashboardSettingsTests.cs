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

    [Fact]
    public void Resolve_RedisUnderItsOwnKey_IsTheSharedRedis() =>
        TestSettings.NotASandbox(("Redis:Configuration", "redis.internal:6380")).SharedState.Redis.ShouldBe("redis.internal:6380");

    [Fact]
    public void Resolve_RedisOnlyUnderTheOlderTokenCacheKey_IsStillRead() =>
        TestSettings.NotASandbox(("TokenCache:Redis", "old.internal:6379")).SharedState.Redis.ShouldBe("old.internal:6379");

    [Fact]
    public void Resolve_RedisUnderBothKeys_TakesRedisConfiguration() =>
        TestSettings.NotASandbox(("TokenCache:Redis", "old.internal:6379"), ("Redis:Configuration", "new.internal:6379"))
            .SharedState.Redis.ShouldBe("new.internal:6379");

    [Fact]
    public void PartnerTenantId_EntraTokens_IsTheAppsTenant() =>
        TestSettings.IntegrationSandbox(SandboxTenant, ("AzureAd:TenantId", AppTenant)).PartnerTenantId.ShouldBe(Guid.Parse(AppTenant));

    [Fact]
    public void PartnerTenantId_AStaticJwt_IsItsTid() =>
        TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", JwtOf(AppTenant)))
            .PartnerTenantId.ShouldBe(Guid.Parse(AppTenant));

    [Fact]
    public void PartnerTenantId_AStaticTokenThatTellsNoTenant_IsTheSandboxTenant() =>
        TestSettings.IntegrationSandbox(SandboxTenant, ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", "opaque"))
            .PartnerTenantId.ShouldBe(Guid.Parse(SandboxTenant));

    [Fact]
    public void PartnerTenantId_BuiltInEmulator_IsTheEmulatorsTenant() =>
        TestSettings.BuiltInEmulator().PartnerTenantId.ShouldBe(Guid.Parse(Dashboard.Web.Features.Access.SandboxGuard.EmulatorTenantId));

    [Fact]
    public void PartnerTenantId_NothingSaysWhichTenant_IsNull() =>
        TestSettings.NotASandbox(("PartnerCenter:StaticToken", "opaque")).PartnerTenantId.ShouldBeNull();

    private const string SandboxTenant = "5b2f0b9e-1c1d-4e55-9d7e-3f6a2b8c9d01";
    private const string AppTenant = "7c3e1a2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d";

    private static string JwtOf(string tenant) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"tid\":\"{tenant}\"}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.c2lnbmF0dXJl";
}
