using System.Security.Claims;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>
/// An open page keeps its user only while the sign-in cookie that admitted them is within its times and their session
/// is on: a sign-out in another tab ends it.
/// </summary>
public sealed class SessionRevalidationTests
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);
    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly SessionRegistry _sessions;

    public SessionRevalidationTests() =>
        _sessions = new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), Cookies(), _time, new EphemeralDataProtectionProvider());

    [Fact]
    public async Task IsStillSignedIn_WithinTheCookiesTimes_KeepsTheUser()
    {
        using var revalidation = Revalidation();
        var user = await SignedInAsync(expiresIn: CookieLifetime);

        _time.Advance(CookieLifetime - TimeSpan.FromMinutes(1));

        (await revalidation.IsStillSignedInAsync(user, Cancellation)).ShouldBeTrue();
    }

    [Fact]
    public async Task IsStillSignedIn_OnceTheCookieHasExpired_DropsTheUser()
    {
        using var revalidation = Revalidation();
        var user = await SignedInAsync(expiresIn: TimeSpan.FromHours(2));

        _time.Advance(TimeSpan.FromHours(2));

        (await revalidation.IsStillSignedInAsync(user, Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsStillSignedIn_CookieIssuedLongerAgoThanItsLifetime_DropsTheUser()
    {
        using var revalidation = Revalidation();
        var user = await SignedInAsync(expiresIn: TimeSpan.FromDays(30));

        _time.Advance(CookieLifetime);

        (await revalidation.IsStillSignedInAsync(user, Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsStillSignedIn_SignedOutInAnotherTab_DropsTheUser()
    {
        using var revalidation = Revalidation();
        var user = await SignedInAsync(expiresIn: CookieLifetime);

        await _sessions.EndAsync(user, SessionRegistry.SignedOut, Cancellation);

        (await revalidation.IsStillSignedInAsync(user, Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsStillSignedIn_WithoutTheCookiesTimes_DropsTheUser()
    {
        using var revalidation = Revalidation();
        var user = await _sessions.StartAsync(Operator(), Cancellation);

        (await revalidation.IsStillSignedInAsync(user, Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task IsStillSignedIn_Anonymous_HasNothingToEnd()
    {
        using var revalidation = Revalidation();

        (await revalidation.IsStillSignedInAsync(new ClaimsPrincipal(new ClaimsIdentity()), Cancellation)).ShouldBeTrue();
    }

    private async Task<ClaimsPrincipal> SignedInAsync(TimeSpan expiresIn)
    {
        var user = await _sessions.StartAsync(Operator(), Cancellation);
        var now = _time.GetUtcNow();
        return SessionRegistry.WithCookieTimes(user, now, now + expiresIn);
    }

    private static ClaimsPrincipal Operator() =>
        new(new ClaimsIdentity([new Claim("name", "Olivia Operator"), new Claim("oid", "0b1e0000-0000-4000-8000-000000000001"), new Claim("roles", "Orders.Cancel")],
            "Test", "name", "roles"));

    private SessionRevalidation Revalidation() => new(NullLoggerFactory.Instance, _time, Cookies(), _sessions, Options.Create(new SessionOptions()));

    private static IOptionsMonitor<CookieAuthenticationOptions> Cookies()
    {
        var cookies = Substitute.For<IOptionsMonitor<CookieAuthenticationOptions>>();
        cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Returns(new CookieAuthenticationOptions { ExpireTimeSpan = CookieLifetime });
        return cookies;
    }
}
