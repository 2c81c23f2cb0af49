using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// Ties the sign-in cookie to the <see cref="SessionRegistry"/>: a new cookie starts a session (and ends the one this
/// browser had), a sign-out ends it, and every request checks it, so that a signed-out session's cookie, or a copy of
/// it, opens nothing. Each request's user carries the cookie's issue and expiry times, which open pages check again
/// (<see cref="SessionRevalidation"/>), and the roles of the user's latest sign-in.
/// </summary>
internal static class SessionCookieEvents
{
    /// <summary>Adds the session handling to whatever the cookie's events already do (Microsoft.Identity.Web's, say).</summary>
    public static void Attach(CookieAuthenticationEvents events)
    {
        var signingIn = events.OnSigningIn;
        var validating = events.OnValidatePrincipal;
        var signingOut = events.OnSigningOut;

        events.OnSigningIn = async context =>
        {
            await signingIn(context);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
            var cancellation = context.HttpContext.RequestAborted;
            // The cookie this browser had until now, read as it stands (not authenticated again in the middle of a sign-in).
            var cookie = context.Options.CookieManager.GetRequestCookie(context.HttpContext, context.Options.Cookie.Name!);
            var before = cookie is null ? null : context.Options.TicketDataFormat.Unprotect(cookie);
            context.Principal = await sessions.StartAsync(context.Principal!, cancellation);
            await sessions.EndAsync(before?.Principal, SessionRegistry.SignedInAgain, cancellation);
        };

        events.OnValidatePrincipal = async context =>
        {
            await validating(context);
            if (context.Principal is null)
            {
                return;
            }

            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
            var session = await sessions.CheckAsync(context.Principal, context.HttpContext.RequestAborted);
            if (!session.IsActive)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return;
            }

            var issued = context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
            var expires = context.Properties.ExpiresUtc ?? DateTimeOffset.MinValue;
            context.ReplacePrincipal(SessionRegistry.WithCookieTimes(SessionRegistry.WithRoles(context.Principal, session.Roles), issued, expires));
        };

        events.OnSigningOut = async context =>
        {
            await signingOut(context);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
            await sessions.EndAsync(context.HttpContext.User, SessionRegistry.SignedOut, context.HttpContext.RequestAborted);
        };
    }
}
