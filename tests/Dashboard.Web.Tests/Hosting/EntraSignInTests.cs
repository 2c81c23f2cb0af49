using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// With <c>AzureAd</c> configured, sign-in goes to Entra ID. Entra ID is not on this machine, so its discovery document
/// is given to the app; what is checked is what the app sends the browser to Entra ID with.
/// </summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "66666666-7777-8888-9999-000000000000";
    private const string Authorize = $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/authorize";

    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            web.UseEnvironment("Production");
            web.UseSetting("PartnerCenter:BaseUrl", "https://api.partnercenter.microsoft.com");
            web.UseSetting("PartnerCenter:Authentication", "AppAndUser");
            web.UseSetting("AzureAd:TenantId", TenantId);
            web.UseSetting("AzureAd:ClientId", ClientId);
            web.UseSetting("AzureAd:ClientCredentials:0:SourceType", "ClientSecret");
            web.UseSetting("AzureAd:ClientCredentials:0:ClientSecret", "not-a-real-secret");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            web.UseSetting("https_port", "443");
            web.ConfigureServices(services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0",
                    AuthorizationEndpoint = Authorize,
                    TokenEndpoint = $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token",
                    EndSessionEndpoint = $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/logout",
                };
                oidc.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(oidc.Configuration);
            }));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task GetPage_Anonymous_GoesToEntraIdForTheCodeFlowWithThePartnerCenterScope()
    {
        var entra = await FollowToEntraAsync("customers");

        entra.GetLeftPart(UriPartial.Path).ShouldBe(Authorize);
        var query = QueryHelpers.ParseQuery(entra.Query);
        query["client_id"].ToString().ShouldBe(ClientId);
        query["response_type"].ToString().ShouldBe("code");
        query["redirect_uri"].ToString().ShouldEndWith("/signin-oidc");
        query["scope"].ToString().Split(' ').ShouldContain("https://api.partnercenter.microsoft.com/user_impersonation");
    }

    [Fact]
    public async Task SignIn_WithAClaimsChallenge_PassesItToEntraId()
    {
        const string claims = """{"access_token":{"acrs":{"essential":true,"value":"c1"}}}""";

        var entra = await FollowToEntraAsync($"signin?returnUrl=%2Fcustomers&claims={Uri.EscapeDataString(claims)}");

        QueryHelpers.ParseQuery(entra.Query)["claims"].ToString().ShouldBe(claims);
    }

    [Fact]
    public async Task DevelopmentSignIn_EntraConfigured_IsNotOffered()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

        using var post = await client.PostAsync("account/development-signin", new FormUrlEncodedContent([new("user", "operator")]), Cancellation);
        var page = await client.GetStringAsync("signin/development", Cancellation);

        // No such endpoint: the request is anonymous, so it is sent to Entra ID like any other, and no cookie is set.
        post.Headers.Location.ShouldNotBeNull().Host.ShouldBe("login.microsoftonline.com");
        var cookies = post.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        cookies.ShouldNotContain(c => c.StartsWith("SandboxOrderDesk.Auth=", StringComparison.Ordinal));
        page.ShouldContain("The development sign-in is not enabled here");
        page.ShouldNotContain("Sign in as");
    }

    [Fact]
    public async Task Get_OverHttpOutsideDevelopment_IsSentToHttps()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://dashboard.example/") });

        using var response = await client.GetAsync("health", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().ShouldBe("https://dashboard.example/health");
    }

    [Fact]
    public async Task Get_OverHttpsOutsideDevelopment_AsksBrowsersToStayOnHttps()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://dashboard.example/") });

        using var response = await client.GetAsync("health", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldStartWith("max-age=");
    }

    [Fact]
    public void SignInCookie_OutsideDevelopment_IsSecureHttpOnlyAndLax()
    {
        var cookie = _factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme).Cookie;

        cookie.SecurePolicy.ShouldBe(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(Microsoft.AspNetCore.Http.SameSiteMode.Lax);
    }

    /// <summary>Follows the app's own redirects until one leaves for Entra ID, and returns that address.</summary>
    private async Task<Uri> FollowToEntraAsync(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        var next = new Uri(client.BaseAddress!, path);
        for (var hop = 0; hop < 5; hop++)
        {
            using var response = await client.GetAsync(next, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"GET {next}");
            next = new Uri(next, response.Headers.Location!);
            if (next.Host != "localhost")
            {
                return next;
            }
        }

        throw new ShouldAssertException($"No redirect to Entra ID from {path}.");
    }
}
