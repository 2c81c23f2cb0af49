using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

internal static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in (Entra ID, or the development sign-in), the two policies and the fallback that makes every page need a
    /// signed-in user, server-side sessions, the production guard, and the order service's own cancel check.
    /// </summary>
    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = builder.Services;

        services.AddOptions<RoleOptions>().BindConfiguration(RoleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>();
        services.AddOptions<DevelopmentSignInOptions>().BindConfiguration(DevelopmentSignInOptions.Section);
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddSingleton<SandboxGuard>();
        services.AddScoped<CancelRights>();
        services.AddScoped<SignInAgain>();
        services.AddSingleton<DevelopmentUsers>();
        services.AddScoped<ICancelAuthorization, CancelAuthorization>();
        services.AddSingleton<SessionRegistry>();

        if (settings.SignIn.Mode == SignInMode.Entra)
        {
            builder.AddEntraSignIn(settings);
        }
        else
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }

        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            cookie.LoginPath = SignInEndpoints.SignInPath;
            cookie.AccessDeniedPath = SignInEndpoints.AccessDeniedPath;
            cookie.Cookie.Name = "SandboxOrderDesk.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = settings.IsDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        // After Microsoft.Identity.Web has set its own cookie events, so that the session handling adds to them.
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie => SessionCookieEvents.Attach(cookie.Events));

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
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return builder;
    }
}
