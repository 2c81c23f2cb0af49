using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// A circuit outlives the request that started it, and its user with it. Every minute the user is checked again, and
/// dropped once the sign-in cookie that admitted them would have expired: an open tab cannot keep cancelling on a
/// session that has ended. The page then sends them through sign-in.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, TimeProvider time, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>True while the circuit is younger than the sign-in cookie's lifetime.</summary>
    internal bool WithinTheSignInsLifetime() =>
        time.GetUtcNow() - _started < cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).ExpireTimeSpan;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(WithinTheSignInsLifetime());
}
