using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// A circuit outlives the request that started it, and its user with it. Every minute (<c>Sessions:CheckInterval</c>)
/// the user is checked again and
/// dropped once the sign-in cookie that admitted them has expired or is older than the cookie's lifetime, or once their
/// session has ended (signed out in another tab, signed in again): an open tab cannot keep acting on a session that is
/// over. The page then sends them through sign-in.
/// </summary>
internal sealed class SessionRevalidation(
    ILoggerFactory loggerFactory, TimeProvider time, IOptionsMonitor<CookieAuthenticationOptions> cookies, SessionRegistry sessions,
    IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.CheckInterval;

    /// <summary>True while <paramref name="user"/>'s sign-in cookie is within its times and its session is on.</summary>
    internal async Task<bool> IsStillSignedInAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var lifetime = cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).ExpireTimeSpan;
        return SessionRegistry.TimeOf(user, SessionRegistry.IssuedClaim) is { } issued && now - issued < lifetime
            && SessionRegistry.TimeOf(user, SessionRegistry.ExpiresClaim) is { } expires && now < expires
            && (await sessions.CheckAsync(user, cancellationToken)).IsActive;
    }

    /// <summary>Drops the user at once: their session is known to be over.</summary>
    internal void EndNow() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillSignedInAsync(authenticationState.User, cancellationToken);
}
