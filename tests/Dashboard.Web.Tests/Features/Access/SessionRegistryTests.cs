using System.Security.Claims;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>
/// The server-side record of sign-in sessions: a session is on from sign-in until a sign-out or a new sign-in in the
/// same browser ends it, and the roles that count are those of the user's latest sign-in.
/// </summary>
public sealed class SessionRegistryTests
{
    private const string ObjectId = "0b1e0000-0000-4000-8000-000000000001";
    private static readonly string[] CancelRole = ["Orders.Cancel"];
    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly MemoryDistributedCache _store = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly SessionRegistry _sessions;

    public SessionRegistryTests() => _sessions = new(_store, Cookies(), _time, new EphemeralDataProtectionProvider());

    [Fact]
    public async Task CheckAsync_NewSession_IsOnWithTheRolesOfTheSignIn()
    {
        var user = await _sessions.StartAsync(UserWith("Orders.Cancel", "Orders.Read"), Cancellation);

        var session = await _sessions.CheckAsync(user, Cancellation);

        session.IsActive.ShouldBeTrue();
        session.Roles.ShouldBe(["Orders.Cancel", "Orders.Read"]);
        SessionRegistry.SessionIdOf(user).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task CheckAsync_AfterASignOut_IsEndedSayingSo()
    {
        var user = await _sessions.StartAsync(UserWith("Orders.Cancel"), Cancellation);

        await _sessions.EndAsync(user, SessionRegistry.SignedOut, Cancellation);

        var session = await _sessions.CheckAsync(user, Cancellation);

        session.IsActive.ShouldBeFalse();
        session.EndedBecause.ShouldBe(SessionRegistry.SignedOut);
    }

    [Fact]
    public async Task CheckAsync_SameUserSignedInLaterWithoutTheCancelRole_CountsTheLaterRoles()
    {
        var earlier = await _sessions.StartAsync(UserWith("Orders.Cancel", "Orders.Read"), Cancellation);

        await _sessions.StartAsync(UserWith("Orders.Read"), Cancellation);

        (await _sessions.CheckAsync(earlier, Cancellation)).Roles.ShouldBe(["Orders.Read"]);
    }

    [Fact]
    public async Task CheckAsync_UserWithoutASessionClaim_IsNotKnown()
    {
        var session = await _sessions.CheckAsync(UserWith("Orders.Cancel"), Cancellation);

        session.IsActive.ShouldBeFalse();
        session.EndedBecause.ShouldBe(SessionRegistry.NotKnown);
    }

    [Fact]
    public async Task CheckAsync_SessionTheStoreNeverHeardOf_IsNotKnown()
    {
        var forged = new ClaimsPrincipal(new ClaimsIdentity([.. UserWith("Orders.Cancel").Claims, new Claim(SessionRegistry.SessionClaim, "0123456789abcdef")], "Test"));

        (await _sessions.CheckAsync(forged, Cancellation)).IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task CheckAsync_SessionInUseForLongerThanTheCookiesLifetime_IsEndedSoThatRolesAreReadAgain()
    {
        var user = await _sessions.StartAsync(UserWith("Orders.Cancel"), Cancellation);
        _time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await _sessions.CheckAsync(user, Cancellation)).IsActive.ShouldBeTrue();

        _time.Advance(TimeSpan.FromSeconds(1));

        var session = await _sessions.CheckAsync(user, Cancellation);
        session.IsActive.ShouldBeFalse();
        session.EndedBecause.ShouldBe("This sign-in is more than 8 hours old, the longest a sign-in lasts here.");
    }

    [Fact]
    public async Task CheckAsync_RecordWrittenStraightIntoTheStore_IsNotBelieved()
    {
        var user = await _sessions.StartAsync(UserWith("Orders.Read"), Cancellation);
        var forged = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { User = $"e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001/{ObjectId}", Roles = CancelRole, EndedBecause = (string?)null, SignedInAt = _time.GetUtcNow() });

        await _store.SetAsync($"sessions:user:e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001/{ObjectId}", forged, Cancellation);
        await _store.SetAsync($"sessions:session:{SessionRegistry.SessionIdOf(user)}", forged, Cancellation);

        (await _sessions.CheckAsync(user, Cancellation)).IsActive.ShouldBeFalse();
    }

    [Fact]
    public void WithRoles_Operator_KeepsEveryOtherClaimAndOnlyTheGivenRoles()
    {
        var user = UserWith("Orders.Cancel", "Orders.Read");

        var reader = SessionRegistry.WithRoles(user, ["Orders.Read"]);

        reader.IsInRole("Orders.Cancel").ShouldBeFalse();
        reader.IsInRole("Orders.Read").ShouldBeTrue();
        reader.Identity!.Name.ShouldBe("Olivia Operator");
        reader.FindFirst("oid")!.Value.ShouldBe(ObjectId);
    }

    private static ClaimsPrincipal UserWith(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("name", "Olivia Operator"), new Claim("oid", ObjectId), new Claim("tid", "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001"), .. roles.Select(r => new Claim("roles", r))],
            "Test", "name", "roles"));

    private static IOptionsMonitor<CookieAuthenticationOptions> Cookies()
    {
        var cookies = Substitute.For<IOptionsMonitor<CookieAuthenticationOptions>>();
        cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Returns(new CookieAuthenticationOptions { ExpireTimeSpan = TimeSpan.FromHours(8) });
        return cookies;
    }
}
