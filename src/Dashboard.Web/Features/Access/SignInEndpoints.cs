using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// <c>GET /signin</c> (Entra ID, or the development page), <c>POST /signout</c>, and the development sign-in's form
/// post. Only local return URLs are followed.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string DevelopmentSignInPath = "/signin/development";
    public const string DevelopmentSignInPostPath = "/account/development-signin";
    public const string AccessDeniedPath = "/access-denied";
    public const string SignedOutPath = "/signed-out";

    public static WebApplication MapSignInEndpoints(this WebApplication app, SignInSettings settings)
    {
        var entra = settings.Mode == SignInMode.Entra;

        app.MapGet(SignInPath, (string? returnUrl, string? claims) =>
        {
            var target = LocalUrl(returnUrl);
            if (!entra)
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
        // Signing out ends the session on the server too (SessionCookieEvents), for every open tab.
        app.MapPost(SignOutPath, ([FromForm] string? returnUrl) => entra
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [CookieAuthenticationDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        if (settings.Mode == SignInMode.Development)
        {
            app.MapPost(DevelopmentSignInPostPath, async (HttpContext http, [FromForm] string? user, [FromForm] string? returnUrl,
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
}
