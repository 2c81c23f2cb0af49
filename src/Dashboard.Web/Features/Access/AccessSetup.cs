using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace Dashboard.Web.Features.Access;

/// <summary>How people sign in to the dashboard.</summary>
public enum SignInMode
{
    /// <summary>Microsoft Entra ID (OpenID Connect, authorization code), when <c>AzureAd</c> is configured.</summary>
    Entra,

    /// <summary>The local sign-in page with the configured development users: Development only, without <c>AzureAd</c>.</summary>
    Development,

    /// <summary>Neither is possible: start-up stops with the keys to set.</summary>
    Missing,
}

/// <summary>What start-up decided about sign-in, validated at start-up.</summary>
public sealed class SignInSettings
{
    public SignInMode Mode { get; set; }

    /// <summary>The <c>AzureAd</c> keys that are missing, when <see cref="Mode"/> is not Development.</summary>
    public List<string> MissingKeys { get; set; } = [];

    /// <summary>Whether <c>AzureAd:ClientCredentials</c> (or the older <c>AzureAd:ClientSecret</c>) holds a credential.</summary>
    public bool HasCredential { get; set; }
}

internal static class AccessSetup
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string DevelopmentSignInPath = "/signin/development";
    public const string DevelopmentSignInPostPath = "/account/development-signin";
    public const string AccessDeniedPath = "/access-denied";
    public const string SignedOutPath = "/signed-out";

    private static readonly string[] EntraKeys = ["TenantId", "ClientId"];

    /// <summary>
    /// Sign-in (Entra ID, or the development sign-in), the two policies and the fallback that makes every page need a
    /// signed-in user, the production guard, and the order service's own cancel check.
    /// </summary>
    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var missing = MissingEntraKeys(configuration);
        var mode = ModeOf(configuration, builder.Environment);

        services.AddOptions<SignInSettings>()
            .Configure(s =>
            {
                s.Mode = mode;
                s.MissingKeys = mode == SignInMode.Development ? [] : missing;
                s.HasCredential = configuration.GetSection("AzureAd:ClientCredentials").GetChildren().Any()
                    || !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientSecret"]);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInSettings>, SignInSettingsValidator>();

        services.AddOptions<RoleOptions>().BindConfiguration(RoleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>();
        services.AddOptions<DevelopmentSignInOptions>().BindConfiguration(DevelopmentSignInOptions.Section);
        services.AddOptions<SandboxGuardOptions>()
            .Configure(o =>
            {
                o.SandboxTenantId = configuration["PartnerCenter:SandboxTenantId"] ?? "";
                o.Environment = configuration["PartnerCenter:Environment"] ?? "";
                o.Authentication = configuration["PartnerCenter:Authentication"] ?? "StaticToken";
                o.AppTenantId = configuration["AzureAd:TenantId"] ?? "";
                o.StaticTokenTenantId = SandboxGuard.TenantOfToken(configuration["PartnerCenter:StaticToken"]) ?? "";
            })
            .Validate(o => string.IsNullOrWhiteSpace(o.SandboxTenantId) || Guid.TryParse(o.SandboxTenantId, out _),
                "PartnerCenter:SandboxTenantId must be the integration sandbox's partner tenant id, a GUID.")
            .ValidateOnStart();
        services.AddSingleton<SandboxGuard>();
        services.AddScoped<CancelRights>();
        services.AddScoped<SignInAgain>();
        services.AddSingleton<DevelopmentUsers>();
        services.AddScoped<ICancelAuthorization, CancelAuthorization>();

        if (configuration["TokenCache:Redis"] is { Length: > 0 } redisConnection)
        {
            AddSharedRedis(services, redisConnection);
        }

        if (mode == SignInMode.Entra)
        {
            AddEntraSignIn(builder);
        }
        else
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }

        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "SandboxOrderDesk.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<RoleOptions>>((authorization, roles) =>
        {
            var read = roles.Value.ReadRole;
            var cancel = roles.Value.CancelRole;
            authorization.AddPolicy(AccessPolicies.Read, p => p.RequireAuthenticatedUser().RequireRole(read, cancel));
            authorization.AddPolicy(AccessPolicies.Cancel, p => p.RequireAuthenticatedUser().RequireRole(cancel));
        });
        services.AddCascadingAuthenticationState();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        return builder;
    }

    /// <summary>
    /// Several instances behind one address: the token cache and the keys that protect the sign-in cookie live in
    /// Redis, so that any instance can serve any user. Connected on first use, not at start-up.
    /// </summary>
    private static void AddSharedRedis(IServiceCollection services, string connection)
    {
        services.AddStackExchangeRedisCache(redis =>
        {
            redis.Configuration = connection;
            redis.InstanceName = "sandbox-order-desk:";
        });
        var redis = new Lazy<StackExchange.Redis.IConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(connection));
        services.AddDataProtection()
            .SetApplicationName("sandbox-order-desk")
            .PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), "sandbox-order-desk:data-protection-keys");
    }

    /// <summary>Entra ID when any <c>AzureAd</c> identity key is set, else the development sign-in in Development, else none.</summary>
    public static SignInMode ModeOf(IConfiguration configuration, IHostEnvironment environment) =>
        MissingEntraKeys(configuration).Count < EntraKeys.Length ? SignInMode.Entra
        : environment.IsDevelopment() ? SignInMode.Development
        : SignInMode.Missing;

    private static List<string> MissingEntraKeys(IConfiguration configuration) =>
        [.. EntraKeys.Where(k => string.IsNullOrWhiteSpace(configuration[$"AzureAd:{k}"])).Select(k => $"AzureAd:{k}")];

    /// <summary>
    /// OpenID Connect with Microsoft.Identity.Web. With App+User Partner Center tokens the code is redeemed for the
    /// delegated Partner Center scope at sign-in, into the token cache (in memory, or Redis with <c>TokenCache:Redis</c>).
    /// </summary>
    private static void AddEntraSignIn(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var authentication = builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);

        // The authorization code flow in every mode (no implicit grant to switch on in the app registration); with
        // App+User Partner Center tokens the code is also redeemed for the delegated Partner Center scope.
        var appAndUser = string.Equals(configuration["PartnerCenter:Authentication"], "AppAndUser", StringComparison.OrdinalIgnoreCase);
        var tokens = authentication.EnableTokenAcquisitionToCallDownstreamApi(appAndUser ? [PartnerCenterSignIn.DelegatedScope] : []);
        if (configuration["TokenCache:Redis"] is { Length: > 0 })
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
    }

    /// <summary>
    /// <c>GET /signin</c> (Entra ID, or the development page), <c>POST /signout</c>, and the development sign-in's form
    /// post. Only local return URLs are followed.
    /// </summary>
    public static WebApplication MapSignInEndpoints(this WebApplication app)
    {
        var mode = ModeOf(app.Configuration, app.Environment);

        app.MapGet(SignInPath, (string? returnUrl, string? claims) =>
        {
            var target = LocalUrl(returnUrl);
            if (mode != SignInMode.Entra)
            {
                return Results.Redirect($"{DevelopmentSignInPath}?returnUrl={Uri.EscapeDataString(target)}");
            }

            // As Microsoft.Identity.Web.UI's AccountController.Challenge: a claims challenge (consent, MFA, conditional
            // access) goes to Entra ID in the "claims" item, which Microsoft.Identity.Web's OIDC events pass on.
            var properties = new AuthenticationProperties { RedirectUri = target };
            if (!string.IsNullOrWhiteSpace(claims))
            {
                properties.Items["claims"] = claims;
            }

            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).AllowAnonymous();

        // The form field makes the endpoint form-bound, so UseAntiforgery validates its token: no cross-site sign-out.
        app.MapPost(SignOutPath, ([Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) => mode == SignInMode.Entra
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [CookieAuthenticationDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        if (mode == SignInMode.Development)
        {
            app.MapPost(DevelopmentSignInPostPath, async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string user, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl,
                DevelopmentUsers users, ILogger<DevelopmentUsers> logger) =>
            {
                if (users.Find(user) is not { } chosen)
                {
                    return Results.Redirect($"{DevelopmentSignInPath}?returnUrl={Uri.EscapeDataString(LocalUrl(returnUrl))}");
                }

                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, users.PrincipalOf(chosen));
                logger.LogInformation("Development sign-in as {UserName} with roles {Roles}", chosen.UserName, chosen.Roles);
                return Results.LocalRedirect(LocalUrl(returnUrl));
            }).AllowAnonymous();
        }

        return app;
    }

    /// <summary>A return URL only when it stays on this site; otherwise the start page. No open redirects.</summary>
    /// <remarks>As ASP.NET Core's IsLocalUrl: browsers drop tabs and line breaks, so "/\t/evil" would become "//evil".</remarks>
    internal static string LocalUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";

    private sealed class SignInSettingsValidator : IValidateOptions<SignInSettings>
    {
        public ValidateOptionsResult Validate(string? name, SignInSettings options)
        {
            if (options.Mode == SignInMode.Missing)
            {
                return ValidateOptionsResult.Fail(
                    "Entra ID sign-in is required outside Development: set AzureAd:TenantId and AzureAd:ClientId (the dashboard's app registration). "
                    + "The local development sign-in is offered only when ASPNETCORE_ENVIRONMENT is Development.");
            }

            if (options.Mode != SignInMode.Entra)
            {
                return ValidateOptionsResult.Success;
            }

            List<string> failures = [.. options.MissingKeys.Select(k => $"{k} is required for Entra ID sign-in (AzureAd is only partly configured).")];
            if (!options.HasCredential)
            {
                failures.Add("AzureAd:ClientCredentials is required for Entra ID sign-in: the app redeems the sign-in's authorization code with a "
                    + "client secret or certificate, kept in user secrets or the environment, never in a committed file.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private sealed class RoleOptionsValidator : IValidateOptions<RoleOptions>
    {
        public ValidateOptionsResult Validate(string? name, RoleOptions options)
        {
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.ReadRole))
            {
                failures.Add("Authorization:ReadRole must name the app role of readers (default Orders.Read).");
            }

            if (string.IsNullOrWhiteSpace(options.CancelRole))
            {
                failures.Add("Authorization:CancelRole must name the app role of operators (default Orders.Cancel).");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
