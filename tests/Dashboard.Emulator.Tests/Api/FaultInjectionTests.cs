using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Api;

/// <summary>
/// The faults the emulator injects into <c>/v1</c> answers for reliability tests (<c>Emulator:Faults:*</c>): 500/503,
/// 429 bursts, dropped connections, timeouts, latency, and changes applied whose answer is lost.
/// </summary>
public sealed class FaultInjectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    // Only stops a test whose request hangs for good; no outcome depends on it.
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AnyV1Request_ErrorRateOne_Answers500Or503AlternatelyWithThePartnerCenterErrorBody()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ErrorRate", "1")]);
        using var client = emulator.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var uri in new[] { "v1/customers", $"v1/customers/{SeedIds.Contoso}", $"v1/customers/{SeedIds.Contoso}/orders", "v1/products/DZH318Z0BQ4B?country=US" })
        {
            var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
            await response.ShouldBeErrorAsync(response.StatusCode, 0);
            statuses.Add(response.StatusCode);
        }

        statuses.Zip(statuses.Skip(1)).ShouldAllBe(pair => pair.First != pair.Second);
    }

    [Fact]
    public async Task AnyV1Request_ThrottleRateOne_Answers429WithTheConfiguredRetryAfterAndTheDocumentedBody()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ThrottleRate", "1"), new("Emulator:Faults:RetryAfterSeconds", "57")]);
        using var client = emulator.CreateClient();

        var response = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.GetValues("Retry-After").ShouldHaveSingleItem().ShouldBe("57");
        var body = await response.ReadJsonAsync();
        body.PropertyNames().ShouldBe(["statusCode", "message"]);
        body.GetProperty("statusCode").GetInt32().ShouldBe(429);
        body.GetProperty("message").GetString().ShouldBe("Rate limit is exceeded. Try again in 57 seconds.");
    }

    [Fact]
    public async Task AnyV1Request_ThrottleRateOneWithBursts_ThrottlesEveryRequest()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ThrottleRate", "1"), new("Emulator:Faults:ThrottleBurstLength", "3"), new("Emulator:Faults:RandomSeed", "42")]);
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, 10);

        statuses.ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnyV1Request_ThrottleBursts_ComeInRunsOfTheBurstLength()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ThrottleRate", "0.2"), new("Emulator:Faults:ThrottleBurstLength", "3"), new("Emulator:Faults:RandomSeed", "42")]);
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, 60);

        // Every burst lasts three requests and a burst may start right after another: complete runs are multiples of 3.
        var runs = Runs(statuses, HttpStatusCode.TooManyRequests, includeTrailing: false);
        runs.ShouldNotBeEmpty();
        runs.ShouldAllBe(length => length % 3 == 0);
        statuses.ShouldContain(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnyV1Request_SameRandomSeed_GetsTheSameFaults()
    {
        KeyValuePair<string, string?>[] faults =
            [new("Emulator:Faults:ThrottleRate", "0.3"), new("Emulator:Faults:ErrorRate", "0.3"), new("Emulator:Faults:RandomSeed", "2026")];
        await using var first = await RunningEmulator.StartAsync(faults);
        await using var second = await RunningEmulator.StartAsync(faults);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        var firstStatuses = await StatusesAsync(firstClient, 30);
        var secondStatuses = await StatusesAsync(secondClient, 30);

        secondStatuses.ShouldBe(firstStatuses);
        firstStatuses.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task AnyV1Request_DropRateOne_DropsTheConnection()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:DropRate", "1")]);
        using var client = emulator.CreateClient();

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("v1/customers", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnyV1Request_TimeoutRateOne_HoldsTheRequestForTheTimeoutThenDropsTheConnection()
    {
        var time = new WatchedTime(Start);
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:TimeoutRate", "1"), new("Emulator:Faults:TimeoutSeconds", "30")], time);
        using var client = emulator.CreateClient();

        var request = client.GetAsync("v1/customers", TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var answeredBeforeTheTimeout = request.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(30));

        answeredBeforeTheTimeout.ShouldBeFalse();
        await Should.ThrowAsync<HttpRequestException>(() => request.WaitAsync(GiveUp, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnyV1Request_LatencyMilliseconds_DelaysTheAnswerByThatMuchOnTheEmulatorsClock()
    {
        var time = new WatchedTime(Start);
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:LatencyMilliseconds", "300")], time);
        using var client = emulator.CreateClient();

        var request = client.GetAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var answeredBeforeTheLatency = request.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(300));
        var response = await request.WaitAsync(GiveUp, TestContext.Current.CancellationToken);

        answeredBeforeTheLatency.ShouldBeFalse();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_ErrorAfterApplying_Answers500Or503ButTheOrderIsCancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ErrorRate", "1"), new("Emulator:Faults:AfterApplyingShare", "1")]);
        using var client = emulator.CreateClient();

        var response = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        await response.ShouldBeErrorAsync(response.StatusCode, 0);
        var faultsOff = await client.PostAsync("emulator/faults", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        faultsOff.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Patch_RetriedWithTheSameRequestIdAfterTheAnswerWasLost_GetsTheCancelledOrderAndIsAppliedOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ErrorRate", "1"), new("Emulator:Faults:AfterApplyingShare", "1")]);
        using var client = emulator.CreateClient();
        var lost = await SendCancelAsync(client, "3c2f9a7e-1b4d-4e8f-a0c6-5d7e9f1a2b3c");
        lost.StatusCode.ShouldBeOneOf(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        (await client.PostAsync("emulator/faults", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var retry = await SendCancelAsync(client, "3c2f9a7e-1b4d-4e8f-a0c6-5d7e9f1a2b3c");

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        (await client.GetOkJsonAsync($"emulator/changes?orderId={SeedIds.SeedDocumentOrder}")).GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("ErrorRate")]
    [InlineData("DropRate")]
    [InlineData("ThrottleRate")]
    [InlineData("TimeoutRate")]
    public async Task EmulatorEndpoints_WhateverTheFault_AreNeverFaulted(string fault)
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new($"Emulator:Faults:{fault}", "1"), new("Emulator:Faults:TimeoutSeconds", "30")]);
        using var client = emulator.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);

        var faults = await client.GetAsync("emulator/faults", TestContext.Current.CancellationToken);
        var changes = await client.GetAsync("emulator/changes", TestContext.Current.CancellationToken);

        faults.StatusCode.ShouldBe(HttpStatusCode.OK);
        changes.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> SendCancelAsync(HttpClient client, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}")
        {
            Content = JsonContent.Create(new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", requestId);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"v1/customers?size={1 + (i % 5)}"), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static List<int> Runs(List<HttpStatusCode> statuses, HttpStatusCode status, bool includeTrailing)
    {
        var runs = new List<int>();
        var length = 0;
        foreach (var current in statuses)
        {
            if (current == status)
            {
                length++;
            }
            else if (length > 0)
            {
                runs.Add(length);
                length = 0;
            }
        }

        if (includeTrailing && length > 0)
        {
            runs.Add(length);
        }

        return runs;
    }
}
