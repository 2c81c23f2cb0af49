using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Emulator.Tests.Api;

/// <summary>
/// Partner Center's per-tenant request limit (docs/partner-center.md#throttling): beyond it, 429 with
/// <c>Retry-After</c> in seconds and the documented <c>{statusCode, message}</c> body instead of the usual error shape.
/// </summary>
public sealed class ThrottlingTests
{
    private const string TenantA = "a1a1a1a1-0000-4000-8000-000000000001";
    private const string TenantB = "b2b2b2b2-0000-4000-8000-000000000002";

    [Fact]
    public async Task AnyV1Request_FourthWithinAMinuteOfALimitOfThree_Answers429WithRetryAfterInWholeSeconds()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, "v1/customers", 3);
        var throttled = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // No time has passed on the emulator's clock: the whole minute is left.
        throttled.Headers.GetValues("Retry-After").ShouldHaveSingleItem().ShouldBe("60");
    }

    [Fact]
    public async Task AnyV1Request_BeyondTheLimit_AnswersTheDocumentedThrottlingBody()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "v1/customers", 3);

        var throttled = await client.GetAsync($"v1/customers/{SeedIds.Contoso}/orders", TestContext.Current.CancellationToken);

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var seconds = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        var body = await throttled.ReadJsonAsync();
        body.PropertyNames().ShouldBe(["statusCode", "message"]);
        body.GetProperty("statusCode").ValueKind.ShouldBe(JsonValueKind.Number);
        body.GetProperty("statusCode").GetInt32().ShouldBe(429);
        body.GetProperty("message").GetString().ShouldBe($"Rate limit is exceeded. Try again in {seconds} seconds.");
    }

    [Fact]
    public async Task AnyV1Request_ThrottledPartWayThroughTheMinute_RetryAfterIsTheTimeLeftInTheMinute()
    {
        var time = StillClock();
        await using var emulator = await StartWithLimitAsync(3, time);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "v1/customers", 3);
        time.Advance(TimeSpan.FromSeconds(2.5));

        var throttled = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        // The window opened with the first request, 2.5 s ago: 57.5 s are left, rounded up to whole seconds.
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.GetValues("Retry-After").ShouldHaveSingleItem().ShouldBe("58");
    }

    [Fact]
    public async Task AnyV1Request_OnceTheMinuteIsOver_IsAnsweredAgain()
    {
        var time = StillClock();
        await using var emulator = await StartWithLimitAsync(3, time);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "v1/customers", 4);
        time.Advance(TimeSpan.FromSeconds(59));
        var stillThrottled = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));

        var statuses = await StatusesAsync(client, "v1/customers", 3);

        stillThrottled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        stillThrottled.Headers.GetValues("Retry-After").ShouldHaveSingleItem().ShouldBe("1");
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnyV1Request_OfAnotherTenant_IsCountedSeparately()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var tenantA = emulator.CreateClient(TestTokens.AppAndUser(TenantA));
        using var tenantB = emulator.CreateClient(TestTokens.AppAndUser(TenantB));
        await StatusesAsync(tenantA, "v1/customers", 3);

        var otherTenant = await tenantB.GetAsync("v1/customers", TestContext.Current.CancellationToken);
        var sameTenant = await tenantA.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        otherTenant.StatusCode.ShouldBe(HttpStatusCode.OK);
        sameTenant.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnyV1Request_DifferentTokensOfOneTenant_ShareOneLimit()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var appAndUser = emulator.CreateClient(TestTokens.AppAndUser(TenantA));
        using var appOnly = emulator.CreateClient(TestTokens.Jwt(new Dictionary<string, object> { ["tid"] = TenantA, ["idtyp"] = "app" }));
        await StatusesAsync(appAndUser, "v1/customers", 2);
        (await appOnly.GetAsync("v1/customers", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var fourth = await appAndUser.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnyV1Request_WithALimitOfZero_IsNeverThrottled()
    {
        await using var emulator = await StartWithLimitAsync(0);
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, "v1/customers?size=1", 50);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnyV1Request_WithTheDefaultSettings_IsLimitedTo500PerMinute()
    {
        await using var emulator = await RunningEmulator.StartAsync(StillClock());
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, "v1/products/DZH318Z0BQ4B?country=US", 500);
        var next = await client.GetAsync("v1/products/DZH318Z0BQ4B?country=US", TestContext.Current.CancellationToken);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        next.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task EmulatorEndpoints_OnceTheLimitIsReached_AreStillAnswered()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "v1/customers", 4);

        var statuses = await StatusesAsync(client, "emulator/faults", 10);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task EmulatorEndpoints_DoNotCountTowardsTheLimit()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "emulator/changes", 10);

        var statuses = await StatusesAsync(client, "v1/customers", 3);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ThrottlingReport_AfterRequestsBeyondTheLimit_CountsThemPerTenant()
    {
        await using var emulator = await StartWithLimitAsync(3);
        using var client = emulator.CreateClient();
        await StatusesAsync(client, "v1/customers", 5);

        var report = await client.GetOkJsonAsync("emulator/throttling");

        var tenant = report.EnumerateObject().ShouldHaveSingleItem().Value;
        tenant.GetProperty("requests").GetInt64().ShouldBe(5);
        tenant.GetProperty("throttled").GetInt64().ShouldBe(2);
        tenant.GetProperty("busiestWindow").GetInt32().ShouldBe(3);
    }

    /// <summary>
    /// An emulator whose clock stands still unless the test moves it, so that however slow the machine, every request of
    /// a test falls in the same one-minute window.
    /// </summary>
    private static Task<RunningEmulator> StartWithLimitAsync(int requestsPerMinute, TimeProvider? time = null) =>
        RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", requestsPerMinute.ToString(CultureInfo.InvariantCulture))], time ?? StillClock());

    private static FakeTimeProvider StillClock() => new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string uri, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
