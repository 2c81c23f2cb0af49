using System.Net;
using System.Security.Claims;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Authentication;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Refit;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// The client-side rate limit as the client uses it, over real HTTP on loopback: every attempt takes a permit, calls
/// over <c>PartnerCenter:RequestsPerMinute</c> wait (a cancel before reads, reads before background work), and a call
/// that may not wait fails at once as not sent. The limit runs on a fake clock the test moves; the test learns that a
/// call is waiting from the limit itself.
/// </summary>
public sealed class PartnerCenterRateLimitHttpTests
{
    private const string Body = """{"id": "answer"}""";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    private readonly AmbientUser _users = new();
    private readonly ObservedClock _clock = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCustomerAsync_OverTheLimit_WaitsForTheMinuteToMakeRoomInsteadOfFailing()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server, ("PartnerCenter:RequestsPerMinute", "1"));
        await GetCustomerAsAsync(client, "alice");

        var second = GetCustomerAsAsync(client, "alice");
        await WaitingAsync(client, 1);
        server.Requests.Count.ShouldBe(1);
        _clock.Advance(Minute);

        (await second.WaitAsync(Promptly, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetCustomerAsync_WaitingAndCancelled_NeverReachesTheServer()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server, ("PartnerCenter:RequestsPerMinute", "1"));
        await GetCustomerAsAsync(client, "alice");
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var second = GetCustomerAsAsync(client, "alice", cancellationToken: stopWaiting.Token);
        await WaitingAsync(client, 1);

        await stopWaiting.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(second.WaitAsync(Promptly, Cancellation));
        Limit(client).Waiting.ShouldBe(0);
        _clock.Advance(Minute);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PatchOrderAsync_WaitingBehindEarlierReads_IsSentFirst()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server, ("PartnerCenter:RequestsPerMinute", "1"));
        await GetCustomerAsAsync(client, "alice");
        var reads = new[] { GetCustomerAsAsync(client, "alice"), GetCustomerAsAsync(client, "bob") };
        await WaitingAsync(client, 2);

        var cancel = CallAsAsync("carol", () => client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation));
        await WaitingAsync(client, 3);
        _clock.Advance(Minute);

        (await cancel.WaitAsync(Promptly, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Select(r => r.Method).ShouldBe(["GET", "PATCH"]);
        await EveryMinuteUntilAnsweredAsync(reads);
    }

    [Fact]
    public async Task GetCustomerAsync_InsideABackgroundScope_IsSentAfterAReadThatCameLater()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server, ("PartnerCenter:RequestsPerMinute", "1"));
        await GetCustomerAsAsync(client, "alice");
        var job = CallAsAsync("alice", async () =>
        {
            using (PartnerCenterCallScope.Background())
            {
                return await client.Api.GetCustomerAsync(SeedIds.Fabrikam, Cancellation);
            }
        });
        await WaitingAsync(client, 1);

        var read = GetCustomerAsAsync(client, "bob");
        await WaitingAsync(client, 2);
        _clock.Advance(Minute);

        (await read.WaitAsync(Promptly, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests[1].PathAndQuery.ShouldEndWith(SeedIds.Contoso);
        await EveryMinuteUntilAnsweredAsync([job]);
        server.Requests[2].PathAndQuery.ShouldEndWith(SeedIds.Fabrikam);
    }

    [Fact]
    public async Task GetCustomerAsync_UserOverTheirShare_FailsAtOnceAsNotSentWhileAnotherUsersCallStillWaits()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server,
            ("PartnerCenter:RequestsPerMinute", "1"), ("PartnerCenter:QueueLimit", "2"), ("PartnerCenter:UserQueueShare", "0.5"));
        await GetCustomerAsAsync(client, "alice");
        var alicesWaiting = GetCustomerAsAsync(client, "alice");
        await WaitingAsync(client, 1);

        var refused = await GetCustomerAsAsync(client, "alice").WaitAsync(Promptly, Cancellation);
        var bobs = GetCustomerAsAsync(client, "bob");

        var failure = PartnerCenterFailure.From(refused);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.NotSent);
        failure.Description.ShouldBe("Too many of your Partner Center calls are already waiting to be sent. Nothing was sent; try again in a minute.");
        await WaitingAsync(client, 2);
        server.Requests.Count.ShouldBe(1);
        await EveryMinuteUntilAnsweredAsync([alicesWaiting, bobs]);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetCustomerAsync_QueueFull_FailsAtOnceAsNotSent()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Body));
        await using var client = Client(server,
            ("PartnerCenter:RequestsPerMinute", "1"), ("PartnerCenter:QueueLimit", "1"), ("PartnerCenter:UserQueueShare", "1"));
        await GetCustomerAsAsync(client, "alice");
        var alicesWaiting = GetCustomerAsAsync(client, "alice");
        await WaitingAsync(client, 1);

        var refused = await GetCustomerAsAsync(client, "bob").WaitAsync(Promptly, Cancellation);

        var failure = PartnerCenterFailure.From(refused);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.NotSent);
        failure.Description.ShouldBe("Too many Partner Center calls from all users are already waiting to be sent. Nothing was sent; try again in a minute.");
        server.Requests.Count.ShouldBe(1);
        await EveryMinuteUntilAnsweredAsync([alicesWaiting]);
    }

    [Fact]
    public async Task GetCustomerAsync_RetriedAttempt_TakesAPermitToo()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(503), ServerAnswer.Json(200, Body));
        await using var client = Client(server,
            ("PartnerCenter:RequestsPerMinute", "1"), ("PartnerCenter:MaxRetries", "1"), ("PartnerCenter:Timeout", "00:00:30"), ("PartnerCenter:TotalTimeout", "00:03:00"));
        var call = GetCustomerAsAsync(client, "alice");

        // The wait between attempts; the pipeline's own timers run for 30 s (an attempt) and 3 min (the whole call).
        var backoff = await _clock.WaitForTimerAsync(due => due != TimeSpan.FromSeconds(30) && due != TimeSpan.FromMinutes(3));
        _clock.Advance(backoff);
        await WaitingAsync(client, 1);
        server.Requests.Count.ShouldBe(1);
        _clock.Advance(Minute - backoff);

        (await call.WaitAsync(Promptly, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
    }

    // A total timeout longer than the minutes these tests move the clock through, unless a test sets its own.
    private PartnerCenterClient Client(ScriptedServer server, params (string Key, string? Value)[] settings) =>
        PartnerCenterClient.For(server.BaseAddress, _clock, services => services.AddSingleton<IPartnerCenterUserAccessor>(_users),
            [("PartnerCenter:TotalTimeout", "00:30:00"), .. settings]);

    private static PartnerCenterRateLimit Limit(PartnerCenterClient client) => client.Services.GetRequiredService<PartnerCenterRateLimit>();

    private static Task WaitingAsync(PartnerCenterClient client, int calls) => Limit(client).WhenWaitingAsync(calls).WaitAsync(Promptly, Cancellation);

    private Task<IApiResponse<CustomerDto>> GetCustomerAsAsync(PartnerCenterClient client, string user, CancellationToken? cancellationToken = null) =>
        CallAsAsync(user, () => client.Api.GetCustomerAsync(SeedIds.Contoso, cancellationToken ?? Cancellation));

    // Its own async flow: the user set here is this call's only, as a Blazor circuit's user is its own.
    private async Task<T> CallAsAsync<T>(string user, Func<Task<T>> call)
    {
        _users.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], authenticationType: "TestSignIn")));
        return await call();
    }

    /// <summary>Moves the clock a minute at a time, one permit each, until every call has its answer.</summary>
    private async Task EveryMinuteUntilAnsweredAsync(IEnumerable<Task> calls)
    {
        var pending = calls.ToList();
        while (pending.Count > 0)
        {
            _clock.Advance(Minute);
            await Task.WhenAny(pending).WaitAsync(Promptly, Cancellation);
            pending.RemoveAll(call => call.IsCompleted);
        }
    }

    /// <summary>The signed-in user of the current async flow, like a circuit-scoped accessor in Blazor Server.</summary>
    private sealed class AmbientUser : IPartnerCenterUserAccessor
    {
        private readonly AsyncLocal<ClaimsPrincipal?> _user = new();

        public void Set(ClaimsPrincipal? user) => _user.Value = user;

        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) => Task.FromResult(_user.Value);
    }
}
