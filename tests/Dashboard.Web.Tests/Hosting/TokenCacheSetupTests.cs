using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web.TokenCacheProviders;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// App+User tokens are cached in memory by default; <c>TokenCache:Redis</c> moves the cache, and the keys that protect
/// the sign-in cookie, to Redis so that several instances serve the same users. Nothing connects until first use.
/// </summary>
public sealed class TokenCacheSetupTests
{
    [Fact]
    public async Task AppAndUser_NoRedis_CachesTokensInMemory()
    {
        await using var app = Dashboard();

        app.Services.GetRequiredService<IMsalTokenCacheProvider>().ShouldBeOfType<MsalMemoryTokenCacheProvider>();
    }

    [Fact]
    public async Task AppAndUser_WithRedis_CachesTokensInRedis()
    {
        await using var app = Dashboard(("TokenCache:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200"));

        app.Services.GetRequiredService<IMsalTokenCacheProvider>().ShouldBeOfType<MsalDistributedTokenCacheAdapter>();
        app.Services.GetRequiredService<IDistributedCache>().ShouldBeAssignableTo<RedisCache>();
    }

    [Fact]
    public async Task AppAndUser_WithRedis_KeepsTheCookieKeysInRedis()
    {
        await using var app = Dashboard(("TokenCache:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200"));

        var repository = app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        repository.ShouldNotBeNull().GetType().Name.ShouldBe("RedisXmlRepository");
    }

    [Fact]
    public async Task AppAndUser_WithRedis_EncryptsTheCachedTokens()
    {
        await using var app = Dashboard(("TokenCache:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200"));

        app.Services.GetRequiredService<IOptions<MsalDistributedTokenCacheAdapterOptions>>().Value.Encrypt.ShouldBeTrue();
    }

    [Fact]
    public async Task EntraSignInWithAStaticToken_WithRedis_StillKeepsTheCookieKeysInRedis()
    {
        await using var app = Dashboard(("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", "abc"),
            ("TokenCache:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200"));

        var repository = app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        repository.ShouldNotBeNull().GetType().Name.ShouldBe("RedisXmlRepository");
    }

    [Theory]
    [InlineData("StaticToken")]
    [InlineData("AppOnly")]
    [InlineData("AppAndUser")]
    public async Task EntraSignIn_AnyPartnerCenterMode_UsesTheAuthorizationCodeFlow(string mode)
    {
        await using var app = Dashboard(("PartnerCenter:Authentication", mode), ("PartnerCenter:StaticToken", "abc"));

        var oidc = app.Services.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme);
        oidc.ResponseType.ShouldBe("code");
    }

    private static WebApplicationFactory<Program> Dashboard(params (string Key, string Value)[] settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "https://api.partnercenter.microsoft.com");
            web.UseSetting("PartnerCenter:Authentication", "AppAndUser");
            web.UseSetting("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555");
            web.UseSetting("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000");
            web.UseSetting("AzureAd:ClientCredentials:0:SourceType", "ClientSecret");
            web.UseSetting("AzureAd:ClientCredentials:0:ClientSecret", "not-a-real-secret");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _ = factory.Services;
        return factory;
    }
}
