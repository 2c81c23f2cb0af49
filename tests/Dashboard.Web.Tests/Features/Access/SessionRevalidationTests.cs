using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>An open page keeps its user only as long as the sign-in cookie that admitted them would have lasted.</summary>
public sealed class SessionRevalidationTests
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Revalidate_WithinTheCookiesLifetime_KeepsTheUser()
    {
        using var session = Session();

        _time.Advance(CookieLifetime - TimeSpan.FromMinutes(1));

        session.WithinTheSignInsLifetime().ShouldBeTrue();
    }

    [Fact]
    public void Revalidate_OnceTheCookieWouldHaveExpired_DropsTheUser()
    {
        using var session = Session();

        _time.Advance(CookieLifetime);

        session.WithinTheSignInsLifetime().ShouldBeFalse();
    }

    private SessionRevalidation Session()
    {
        var cookies = Substitute.For<IOptionsMonitor<CookieAuthenticationOptions>>();
        cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Returns(new CookieAuthenticationOptions { ExpireTimeSpan = CookieLifetime });
        return new SessionRevalidation(NullLoggerFactory.Instance, _time, cookies);
    }
}
