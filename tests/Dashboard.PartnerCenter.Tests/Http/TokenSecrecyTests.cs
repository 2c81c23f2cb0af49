using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Refit;

namespace Dashboard.PartnerCenter.Tests.Http;

/// <summary>The bearer token goes to Partner Center and nowhere else: not into logs, not into the errors callers keep.</summary>
public sealed class TokenSecrecyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_RunOfCallsIncludingFailures_NoMessageContainsTheToken()
    {
        var events = await LogsOfARunOfCallsAsync();

        events.Count(e => e.Category == typeof(PartnerCenterRequestHandler).FullName).ShouldBe(6);
        events.ShouldAllBe(e => !e.Message.Contains(PartnerCenterClient.Token) && (e.Exception == null || !e.Exception.Contains(PartnerCenterClient.Token)));
    }

    [Fact]
    public async Task Logs_RunOfCallsIncludingFailures_NoStructuredPropertyContainsTheToken()
    {
        // Structured sinks (Serilog with a JSON formatter, the JSON console) write every property of an event, not only its message.
        var events = await LogsOfARunOfCallsAsync();

        events.SelectMany(e => e.Properties.Select(p => $"{e.Category} {p.Key}={p.Value}"))
            .Where(p => p.Contains(PartnerCenterClient.Token))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task ErrorOfARefusedCall_KeepsNoAuthorizationHeader()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);

        var response = await client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, OrderPatchDto.Cancel(SeedIds.ContosoNewCommerce), Guid.NewGuid().ToString(), Cancellation);

        var error = response.Error.ShouldBeOfType<ApiException>();
        error.RequestMessage.Headers.Authorization.ShouldBeNull();
        error.ToString().ShouldNotContain(PartnerCenterClient.Token);
    }

    [Fact]
    public async Task ErrorOfACallWithoutAnswer_KeepsNoAuthorizationHeader()
    {
        await using var client = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());

        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        var error = response.Error.ShouldNotBeNull();
        error.RequestMessage.Headers.Authorization.ShouldBeNull();
        error.ToString().ShouldNotContain(PartnerCenterClient.Token);
    }

    [Fact]
    public async Task Logs_BadMinuteOfRetriesThrottlingRefusalAndAPatch_NoMessageContainsTheToken()
    {
        var run = await BadMinuteAsync();

        run.Events.Where(e => e.Message.Contains(PartnerCenterClient.Token, StringComparison.Ordinal)).Select(e => e.Message).ShouldBeEmpty();
    }

    [Fact]
    public async Task Logs_BadMinuteOfRetriesThrottlingRefusalAndAPatch_NoStructuredPropertyContainsTheToken()
    {
        var run = await BadMinuteAsync();

        run.Events.SelectMany(e => e.Properties.Select(p => $"{e.Category} {p.Key}={p.Value}"))
            .Where(p => p.Contains(PartnerCenterClient.Token, StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task Errors_BadMinuteOfRetriesThrottlingRefusalAndAPatch_NoExceptionTextContainsTheToken()
    {
        var run = await BadMinuteAsync();

        string[] exceptionTexts = [.. run.Events.Select(e => e.Exception ?? ""), .. run.Errors.Select(e => e.ToString())];
        exceptionTexts.Where(text => text.Contains(PartnerCenterClient.Token, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Errors_BadMinuteOfRetriesThrottlingRefusalAndAPatch_KeepNoAuthorizationHeader()
    {
        var run = await BadMinuteAsync();

        run.Errors.Select(e => e.RequestMessage.Headers.Authorization?.ToString()).ShouldAllBe(header => header == null);
    }

    [Fact]
    public async Task ErrorOfARead_TotalTimeoutRanOutWaitingForRetryAfter_KeepsNoAuthorizationHeader()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(57));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock,
            ("PartnerCenter:MaxRetries", "4"), ("PartnerCenter:Timeout", "00:00:30"), ("PartnerCenter:TotalTimeout", "00:02:00"));

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        await clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(57));
        clock.Advance(TimeSpan.FromSeconds(57));
        await server.WaitForRequestsAsync(2);
        await clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(57));
        clock.Advance(TimeSpan.FromSeconds(63));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        var error = response.Error.ShouldNotBeNull();
        error.RequestMessage.Headers.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task ErrorOfARead_RetriesRanIntoTheOpenedBreaker_KeepsNoAuthorizationHeader()
    {
        // The tenth failed attempt opens the breaker; the eleventh is never sent. Retry-After: 1 keeps the ten attempts
        // inside the breaker's sampling minute, which a growing backoff would not.
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(503).WithRetryAfter(1));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, ("PartnerCenter:MaxRetries", "10"));

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        for (var wait = 0; wait < 10; wait++)
        {
            clock.Advance(await clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(1)));
        }

        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        server.Requests.Count.ShouldBe(10);
        PartnerCenterFailure.From(response).Kind.ShouldBe(PartnerCenterFailureKind.NotSent);
        response.Error.ShouldNotBeNull().RequestMessage.Headers.Authorization.ShouldBeNull();
    }

    /// <summary>
    /// Everything a bad minute leaves behind — every log event at every level, and the error of every failed call — for
    /// a run of calls with retries on: a read answered 503 then 200, a read throttled twice (<c>Retry-After: 57</c>), a
    /// cancelling PATCH answered 503, and a read whose connections are refused on both attempts.
    /// </summary>
    private static async Task<(CapturedLogEvent[] Events, ApiExceptionBase[] Errors)> BadMinuteAsync()
    {
        await using var server = await ScriptedServer.StartAsync(
            ServerAnswer.Error(503), ServerAnswer.Json(200, "{}"),
            ServerAnswer.Throttled(57), ServerAnswer.Throttled(57),
            ServerAnswer.Error(503));
        var clock = new ObservedClock();
        (string, string?)[] retryOnce = [("PartnerCenter:MaxRetries", "1"), ("PartnerCenter:Timeout", "00:00:30"), ("PartnerCenter:TotalTimeout", "00:03:00")];
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, retryOnce);
        await using var unreachable = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn(), clock, retryOnce);
        static bool IsWaitBetweenAttempts(TimeSpan t) => t != TimeSpan.FromSeconds(30) && t != TimeSpan.FromMinutes(3);

        var retried = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        clock.Advance(await clock.WaitForTimerAsync(IsWaitBetweenAttempts));
        (await retried.WaitAsync(TimeSpan.FromSeconds(10), Cancellation)).IsSuccessful.ShouldBeTrue();

        var throttled = client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);
        clock.Advance(await clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(57)));
        var throttledResponse = await throttled.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        throttledResponse.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var patched = await client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);
        patched.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        var refused = unreachable.Api.GetCustomersAsync(null, null, Cancellation);
        clock.Advance(await clock.WaitForTimerAsync(IsWaitBetweenAttempts));
        var refusedResponse = await refused.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        // The run is what it claims to be: the token went out on every request, and every attempt was logged.
        server.Requests.Count.ShouldBe(5);
        server.Requests.ShouldAllBe(r => r.Header("Authorization") == $"Bearer {PartnerCenterClient.Token}");
        CapturedLogEvent[] events = [.. client.Logs.Events, .. unreachable.Logs.Events];
        events.Count(e => e.Category == typeof(PartnerCenterRequestHandler).FullName).ShouldBe(7);
        return (events, [throttledResponse.Error.ShouldNotBeNull(), patched.Error.ShouldNotBeNull(), refusedResponse.Error.ShouldNotBeNull()]);
    }

    /// <summary>Every event, at every level, of a run of calls that succeed, are refused, get a proxy's page and get no answer.</summary>
    private static async Task<CapturedLogEvent[]> LogsOfARunOfCallsAsync()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var proxyError = await LoopbackServer.StartAsync(CannedResponse.Html(502, "<html><body>Bad Gateway</body></html>"));
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);
        await using var behindProxy = PartnerCenterClient.For(proxyError.BaseAddress);
        await using var unreachable = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());

        await client.Api.GetCustomersAsync(null, null, Cancellation);
        await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);
        await client.Api.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);
        await client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, OrderPatchDto.Cancel(SeedIds.ContosoNewCommerce), Guid.NewGuid().ToString(), Cancellation);
        await behindProxy.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);
        await unreachable.Api.GetCustomersAsync(null, null, Cancellation);

        return [.. client.Logs.Events, .. behindProxy.Logs.Events, .. unreachable.Logs.Events];
    }
}
