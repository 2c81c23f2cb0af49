using System.Security.Claims;
using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>What the server knows about a sign-in session now.</summary>
/// <param name="IsActive">False once the session was signed out, replaced by a new sign-in, or is not known.</param>
/// <param name="EndedBecause">Why the session is over, fit to show; null while it is active.</param>
/// <param name="Roles">The app roles of the user's latest sign-in, which count from now on.</param>
public sealed record SessionState(bool IsActive, string? EndedBecause, IReadOnlyList<string> Roles)
{
    public static SessionState Ended(string because) => new(false, because, []);
}

/// <summary>
/// The server-side record of sign-ins and sign-outs. A Blazor circuit keeps the user it started with for hours, and a
/// cookie cannot be taken back; this record is what ends rights when they should end. A sign-out in any tab ends the
/// session for every tab and circuit; a new sign-in in the same browser replaces the one before; and each cancel counts
/// the roles of the user's latest sign-in. However active its user, a session lasts no longer than the cookie's
/// lifetime from its sign-in, so that roles are read afresh from Entra ID at least that often. It lives in
/// <see cref="IDistributedCache"/>: this process's memory, or Redis (<c>Redis:Configuration</c>) so that every instance
/// knows; its records are protected with the data-protection keys, so that whoever can write to Redis cannot grant a role.
/// </summary>
public sealed class SessionRegistry(
    IDistributedCache store, IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider time, IDataProtectionProvider protection)
{
    /// <summary>The claim that names the dashboard's sign-in session, added when the sign-in cookie is issued.</summary>
    public const string SessionClaim = "sod_session";

    /// <summary>When the sign-in cookie that admitted this request was issued (Unix seconds), added on each request.</summary>
    public const string IssuedClaim = "sod_issued";

    /// <summary>When that sign-in cookie expires (Unix seconds), added on each request.</summary>
    public const string ExpiresClaim = "sod_expires";

    public const string SignedOut = "You signed out of the dashboard in another tab or window.";
    public const string SignedInAgain = "You signed in to the dashboard again in another tab or window.";
    public const string NotKnown = "This sign-in is no longer known to the dashboard (it has ended, or the dashboard restarted).";

    // The Redis cache adds the app's own prefix (sandbox-order-desk:).
    private const string KeyPrefix = "sessions:";

    private readonly IDataProtector _protector = protection.CreateProtector("SandboxOrderDesk.Sessions");

    /// <summary>The longest a sign-in lasts, however active its user (the sign-in cookie's lifetime).</summary>
    public TimeSpan Lifetime => cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).ExpireTimeSpan;

    /// <summary>Records a new sign-in session for <paramref name="user"/> and returns the user with its session claim.</summary>
    public async Task<ClaimsPrincipal> StartAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sessionId = Guid.NewGuid().ToString("N");
        var roles = RolesOf(user);
        var userKey = UserKeyOf(user);
        var now = time.GetUtcNow();
        await WriteAsync(SessionKey(sessionId), new SessionRecord(userKey, roles, null, now), sliding: true, cancellationToken);
        await WriteAsync(UserKey(userKey), new SessionRecord(userKey, roles, null, now), sliding: true, cancellationToken);
        return With(user, [new Claim(SessionClaim, sessionId)], SessionClaim);
    }

    /// <summary>Ends the session of <paramref name="user"/>, if it has one, for every tab and instance.</summary>
    public async Task EndAsync(ClaimsPrincipal? user, string because, CancellationToken cancellationToken)
    {
        if (SessionIdOf(user) is not { } sessionId)
        {
            return;
        }

        var record = await ReadAsync(SessionKey(sessionId), cancellationToken);
        await WriteAsync(SessionKey(sessionId), new SessionRecord(record?.User ?? UserKeyOf(user!), [], because, record?.SignedInAt ?? time.GetUtcNow()),
            sliding: false, cancellationToken);
    }

    /// <summary>Whether the session of <paramref name="user"/> is still on, and the roles that count now.</summary>
    public async Task<SessionState> CheckAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (SessionIdOf(user) is not { } sessionId || await ReadAsync(SessionKey(sessionId), cancellationToken) is not { } session)
        {
            return SessionState.Ended(NotKnown);
        }

        if (session.EndedBecause is { } because)
        {
            return SessionState.Ended(because);
        }

        if (time.GetUtcNow() - session.SignedInAt >= Lifetime)
        {
            return SessionState.Ended($"This sign-in is more than {Lifetime.TotalHours:0.#} hours old, the longest a sign-in lasts here.");
        }

        var latest = await ReadAsync(UserKey(session.User), cancellationToken);
        return new SessionState(true, null, latest?.Roles ?? session.Roles);
    }

    /// <summary>
    /// The app roles of <paramref name="user"/>'s latest sign-in that this dashboard still knows of, or null when it knows
    /// none (the sign-ins ran out, or the dashboard restarted with sessions in memory). A job asks this before each item.
    /// </summary>
    public async Task<IReadOnlyList<string>?> LatestRolesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await ReadAsync(UserKey(UserKeyOf(user)), cancellationToken))?.Roles;
    }

    public static string? SessionIdOf(ClaimsPrincipal? user) => user?.FindFirst(SessionClaim)?.Value;

    /// <summary><paramref name="user"/> with the sign-in cookie's issue and expiry times, replacing earlier ones.</summary>
    public static ClaimsPrincipal WithCookieTimes(ClaimsPrincipal user, DateTimeOffset issued, DateTimeOffset expires) =>
        With(user, [new Claim(IssuedClaim, Unix(issued)), new Claim(ExpiresClaim, Unix(expires))], IssuedClaim, ExpiresClaim);

    /// <summary><paramref name="user"/> with exactly <paramref name="roles"/> as app roles.</summary>
    public static ClaimsPrincipal WithRoles(ClaimsPrincipal user, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identities = user.Identities.Select(identity =>
        {
            var copy = new ClaimsIdentity(identity.Claims.Where(c => c.Type != identity.RoleClaimType), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            copy.AddClaims(roles.Select(r => new Claim(identity.RoleClaimType, r)));
            return copy;
        });
        return new ClaimsPrincipal(identities);
    }

    /// <summary>A time claim of <see cref="IssuedClaim"/> or <see cref="ExpiresClaim"/>, or null when it is missing or malformed.</summary>
    public static DateTimeOffset? TimeOf(ClaimsPrincipal user, string claim) =>
        long.TryParse(user?.FindFirst(claim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static ClaimsPrincipal With(ClaimsPrincipal user, IReadOnlyList<Claim> added, params string[] replaced)
    {
        var identities = user.Identities.Select((identity, index) =>
        {
            var copy = new ClaimsIdentity(identity.Claims.Where(c => !replaced.Contains(c.Type)), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            if (index == 0)
            {
                copy.AddClaims(added);
            }

            return copy;
        });
        return new ClaimsPrincipal(identities);
    }

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> RolesOf(ClaimsPrincipal user) =>
        [.. user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct(StringComparer.Ordinal)];

    // The same person across sign-ins: Entra ID's tenant and object id, as the development sign-in gives them too.
    private static string UserKeyOf(ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value is { Length: > 0 } oid ? $"{user.FindFirst("tid")?.Value}/{oid}" : $"name/{user.Identity?.Name}";

    private static string SessionKey(string sessionId) => $"{KeyPrefix}session:{sessionId}";

    private static string UserKey(string user) => $"{KeyPrefix}user:{user}";

    // A record that does not unprotect (written by someone without the keys, or damaged) is not believed: no session.
    private async Task<SessionRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await store.GetAsync(key, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SessionRecord>(_protector.Unprotect(bytes));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    // An active session lives as long as its cookie can, renewals included; an ended one as long as a copy of its cookie could.
    private Task WriteAsync(string key, SessionRecord record, bool sliding, CancellationToken cancellationToken) =>
        store.SetAsync(key, _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(record)), sliding
            ? new DistributedCacheEntryOptions { SlidingExpiration = Lifetime }
            : new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, cancellationToken);

    private sealed record SessionRecord(string User, IReadOnlyList<string> Roles, string? EndedBecause, DateTimeOffset SignedInAt);
}
