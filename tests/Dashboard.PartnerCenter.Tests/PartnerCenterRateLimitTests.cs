using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// The client-side rate limit on its own: at most <c>PartnerCenter:RequestsPerMinute</c> permits in any sliding minute;
/// calls over it wait, changes before reads before background work, users taking turns within a lane; a call that
/// would overfill the queue, or its user's share of it, is refused at once. Time is a fake clock moved by the test:
/// a call is served at the moment the clock reaches its turn, never later, never earlier.
/// </summary>
public sealed class PartnerCenterRateLimitTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private PartnerCenterRateLimit? _limit;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _limit?.Dispose();

    [Fact]
    public async Task AcquireAsync_WithinTheLimit_GrantsEveryPermitAtOnce()
    {
        var limit = Limit(perMinute: 500);

        for (var i = 0; i < 500; i++)
        {
            var call = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation);

            call.IsCompleted.ShouldBeTrue($"call {i + 1} of 500 had to wait");
            (await call).IsAcquired.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task AcquireAsync_OverTheLimit_WaitsUntilTheFirstPermitIsAMinuteOldNotATickEarlier()
    {
        var limit = Limit(perMinute: 500);
        await AcquireAsync(limit, 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await AcquireAsync(limit, 499);

        var call501 = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation).AsTask();
        _time.Advance(TimeSpan.FromSeconds(50) - Tick);
        var waitingATickBefore = !call501.IsCompleted;
        _time.Advance(Tick);

        waitingATickBefore.ShouldBeTrue("the 501st call got a permit before the first one was a minute old");
        call501.IsCompleted.ShouldBeTrue("the 501st call still waits once the first permit is a minute old");
        (await call501).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_OverTheLimit_EachPermitFreesItsPlaceWhenItIsAMinuteOld()
    {
        // A sliding minute, not a fixed one: the permits of 09:00:10 make room at 09:01:10, not at 09:01:00.
        var limit = Limit(perMinute: 2);
        await AcquireAsync(limit, 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await AcquireAsync(limit, 1);
        var third = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation).AsTask();
        var fourth = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation).AsTask();

        _time.Advance(TimeSpan.FromSeconds(50));
        third.IsCompleted.ShouldBeTrue();
        fourth.IsCompleted.ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(10) - Tick);
        fourth.IsCompleted.ShouldBeFalse();
        _time.Advance(Tick);
        fourth.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_WaitingChange_IsServedBeforeEarlierWaitingReads()
    {
        var limit = Limit(perMinute: 1);
        await AcquireAsync(limit, 1);
        var reads = Wait(limit, PartnerCenterLane.Reads, "alice", "bob");
        var cancel = Wait(limit, PartnerCenterLane.Changes, "carol");

        ServedMinuteByMinute([.. reads, .. cancel]).ShouldBe(["Changes carol 1", "Reads alice 1", "Reads bob 1"]);
    }

    [Fact]
    public async Task AcquireAsync_WaitingRead_IsServedBeforeEarlierBackgroundCalls()
    {
        var limit = Limit(perMinute: 1);
        await AcquireAsync(limit, 1);
        var job = Wait(limit, PartnerCenterLane.Background, "alice", "alice");
        var read = Wait(limit, PartnerCenterLane.Reads, "bob");

        ServedMinuteByMinute([.. job, .. read]).ShouldBe(["Reads bob 1", "Background alice 1", "Background alice 2"]);
    }

    [Fact]
    public async Task AcquireAsync_TwoUsersInOneLane_TakeTurnsSoTheOneReadWaitsOneTurnAtMost()
    {
        var limit = Limit(perMinute: 1);
        await AcquireAsync(limit, 1);
        var alices = Wait(limit, PartnerCenterLane.Reads, "alice", "alice", "alice", "alice");
        var bobs = Wait(limit, PartnerCenterLane.Reads, "bob");

        ServedMinuteByMinute([.. alices, .. bobs]).ShouldBe(["Reads alice 1", "Reads bob 1", "Reads alice 2", "Reads alice 3", "Reads alice 4"]);
    }

    [Fact]
    public async Task AcquireAsync_UserOverTheirShareOfTheQueue_IsRefusedAtOnceWhileAnotherUsersCallStillWaits()
    {
        var limit = Limit(perMinute: 1, queueLimit: 4, userQueueShare: 0.5);
        await AcquireAsync(limit, 1);
        Wait(limit, PartnerCenterLane.Reads, "alice", "alice");

        var alices3rd = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", Cancellation);
        var bobs = limit.AcquireAsync(PartnerCenterLane.Reads, "bob", Cancellation);

        alices3rd.IsCompleted.ShouldBeTrue("the call over its user's share waited");
        var refused = await alices3rd;
        refused.IsAcquired.ShouldBeFalse();
        PartnerCenterRateLimit.RefusalOf(refused).ShouldBe(QueueRefusal.UserShareFull);
        bobs.IsCompleted.ShouldBeFalse();
        limit.Waiting.ShouldBe(3);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_IsRefusedAtOnce()
    {
        var limit = Limit(perMinute: 1, queueLimit: 2, userQueueShare: 1);
        await AcquireAsync(limit, 1);
        Wait(limit, PartnerCenterLane.Reads, "alice", "bob");

        var carols = limit.AcquireAsync(PartnerCenterLane.Changes, "carol", Cancellation);

        carols.IsCompleted.ShouldBeTrue("the call over the queue limit waited");
        var refused = await carols;
        refused.IsAcquired.ShouldBeFalse();
        PartnerCenterRateLimit.RefusalOf(refused).ShouldBe(QueueRefusal.QueueFull);
    }

    [Fact]
    public async Task AcquireAsync_WaitingCallCancelled_LeavesTheQueueAndFreesItsPlace()
    {
        var limit = Limit(perMinute: 1, queueLimit: 1, userQueueShare: 1);
        await AcquireAsync(limit, 1);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var alices = limit.AcquireAsync(PartnerCenterLane.Reads, "alice", stopWaiting.Token).AsTask();

        await stopWaiting.CancelAsync();
        var bobs = limit.AcquireAsync(PartnerCenterLane.Reads, "bob", Cancellation).AsTask();

        await Should.ThrowAsync<OperationCanceledException>(alices);
        bobs.IsCompleted.ShouldBeFalse("bob's call was refused although the cancelled call had left the queue");
        _time.Advance(Minute);
        (await bobs).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_WaitingCallCancelled_TakesNoPermit()
    {
        var limit = Limit(perMinute: 1);
        await AcquireAsync(limit, 1);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var cancelled = limit.AcquireAsync(PartnerCenterLane.Changes, "alice", stopWaiting.Token).AsTask();
        var read = Wait(limit, PartnerCenterLane.Reads, "bob");

        await stopWaiting.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        ServedMinuteByMinute(read).ShouldBe(["Reads bob 1"]);
    }

    [Theory]
    [InlineData("GET", "Reads")]
    [InlineData("HEAD", "Reads")]
    [InlineData("PATCH", "Changes")]
    [InlineData("POST", "Changes")]
    [InlineData("DELETE", "Changes")]
    public void LaneOf_Method_IsTheLaneOfItsKind(string method, string lane)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.partnercenter.microsoft.com/v1/customers");

        PartnerCenterResilience.LaneOf(request).ToString().ShouldBe(lane);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    public void LaneOf_InsideABackgroundScope_IsBackgroundWhateverTheMethod(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.partnercenter.microsoft.com/v1/customers");

        using (PartnerCenterCallScope.Background())
        {
            PartnerCenterResilience.LaneOf(request).ShouldBe(PartnerCenterLane.Background);
        }

        PartnerCenterResilience.LaneOf(request).ShouldNotBe(PartnerCenterLane.Background);
    }

    [Fact]
    public void UserKey_ObjectIdSubjectAndName_IsTheObjectId()
    {
        var user = SignedIn(new Claim("oid", "11111111-1111-1111-1111-111111111111"), new Claim("sub", "subject"), new Claim(ClaimTypes.Name, "alice"));

        PartnerCenterResilience.UserKey(user).ShouldBe("11111111-1111-1111-1111-111111111111");
    }

    [Fact]
    public void UserKey_ObjectIdAsMappedByMicrosoftIdentityWeb_IsTheObjectId()
    {
        var user = SignedIn(new Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", "22222222-2222-2222-2222-222222222222"));

        PartnerCenterResilience.UserKey(user).ShouldBe("22222222-2222-2222-2222-222222222222");
    }

    [Fact]
    public void UserKey_SubjectAndName_IsTheSubject()
    {
        PartnerCenterResilience.UserKey(SignedIn(new Claim("sub", "subject"), new Claim(ClaimTypes.Name, "alice"))).ShouldBe("subject");
    }

    [Fact]
    public void UserKey_NameOnly_IsTheName()
    {
        PartnerCenterResilience.UserKey(SignedIn(new Claim(ClaimTypes.Name, "alice"))).ShouldBe("alice");
    }

    [Fact]
    public void UserKey_NoUserOrNotSignedIn_IsOneKeyForTheAppThatNoUserHas()
    {
        var app = PartnerCenterResilience.UserKey(null);

        PartnerCenterResilience.UserKey(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "anonymous")]))).ShouldBe(app);
        PartnerCenterResilience.UserKey(SignedIn(new Claim(ClaimTypes.Name, "app"))).ShouldNotBe(app);
    }

    private PartnerCenterRateLimit Limit(int perMinute, int queueLimit = 1000, double userQueueShare = 0.5) =>
        _limit = new PartnerCenterRateLimit(
            Options.Create(new PartnerCenterOptions { RequestsPerMinute = perMinute, QueueLimit = queueLimit, UserQueueShare = userQueueShare }),
            _time);

    private static async Task AcquireAsync(PartnerCenterRateLimit limit, int permits)
    {
        for (var i = 0; i < permits; i++)
        {
            (await limit.AcquireAsync(PartnerCenterLane.Reads, "someone", Cancellation)).IsAcquired.ShouldBeTrue();
        }
    }

    /// <summary>Calls that must wait, named by lane, user and the user's count in that lane.</summary>
    private static List<(string Name, Task<RateLimitLease> Call)> Wait(PartnerCenterRateLimit limit, PartnerCenterLane lane, params string[] users)
    {
        var calls = new List<(string, Task<RateLimitLease>)>();
        foreach (var user in users)
        {
            var call = limit.AcquireAsync(lane, user, Cancellation).AsTask();
            call.IsCompleted.ShouldBeFalse($"{lane} {user} did not wait");
            calls.Add(($"{lane} {user} {users.Take(calls.Count + 1).Count(u => u == user)}", call));
        }

        return calls;
    }

    /// <summary>With one permit a minute: which call got each minute's permit, minute after minute.</summary>
    private List<string> ServedMinuteByMinute(List<(string Name, Task<RateLimitLease> Call)> calls)
    {
        var served = new List<string>();
        foreach (var _ in calls)
        {
            _time.Advance(Minute);
            var now = calls.Where(c => c.Call.IsCompletedSuccessfully && !served.Contains(c.Name)).ToList();
            now.Count.ShouldBe(1, $"calls served in minute {served.Count + 1}: {string.Join(", ", now.Select(c => c.Name))}");
            now[0].Call.Result.IsAcquired.ShouldBeTrue();
            served.Add(now[0].Name);
        }

        return served;
    }

    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, authenticationType: "TestSignIn"));
}
