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
}
