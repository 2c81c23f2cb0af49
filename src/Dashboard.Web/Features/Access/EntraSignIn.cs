using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace Dashboard.Web.Features.Access;

internal static class EntraSignIn
{
    /// <summary>
    /// OpenID Connect with Microsoft.Identity.Web, the authorization code flow in every mode. With App+User Partner
    /// Center tokens the code is also redeemed for the delegated Partner Center scope, into the token cache (in memory,
    /// or Redis with <c>Redis:Configuration</c>, encrypted).
    /// </summary>
    public static void AddEntraSignIn(this WebApplicationBuilder builder, DashboardSettings settings)
    {
        var authentication = builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"), OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);

        var appAndUser = settings.PartnerCenter.Tokens == PartnerCenterTokens.AppAndUser;
        var tokens = authentication.EnableTokenAcquisitionToCallDownstreamApi(appAndUser ? [PartnerCenterSignIn.DelegatedScope] : []);
        if (settings.SharedState.Redis is not null)
        {
            tokens.AddDistributedTokenCaches();
            // Refresh tokens are secrets: encrypted (with the shared data-protection keys) before they reach Redis.
            builder.Services.Configure<MsalDistributedTokenCacheAdapterOptions>(cache => cache.Encrypt = true);
        }
        else
        {
            tokens.AddInMemoryTokenCaches();
        }

        builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            // Claims as Entra ID names them ("roles", "tid", "name"), the same as the development sign-in's.
            oidc.MapInboundClaims = false;
            oidc.TokenValidationParameters.RoleClaimType = "roles";
            oidc.TokenValidationParameters.NameClaimType = "name";
        });
        // After Microsoft.Identity.Web has set its own events, so that this check adds to them.
        builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            var validated = oidc.Events.OnTokenValidated;
            oidc.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                RejectOtherTenants(context, settings.SignIn.TenantId);
            };
        });
    }

    /// <summary>
    /// Only users of the dashboard's own tenant sign in, whatever the authority (a multi-tenant app registration, an
    /// authority that says <c>common</c>): an ID token of another tenant fails the sign-in.
    /// </summary>
    internal static void RejectOtherTenants(TokenValidatedContext context, Guid? tenant)
    {
        if (context.Principal is null)
        {
            return;
        }

        var tid = context.Principal.FindFirst("tid")?.Value ?? context.Principal.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value;
        if (tenant is not { } expected || !Guid.TryParse(tid, out var actual) || actual != expected)
        {
            context.Fail($"Users of tenant {tid ?? "(none)"} cannot sign in to this dashboard: it admits only AzureAd:TenantId {tenant}.");
        }
    }
}
