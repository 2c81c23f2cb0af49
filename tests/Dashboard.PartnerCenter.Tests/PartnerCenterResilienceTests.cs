// Over 300 lines: the resilience pipeline's strategies interact (retry, limit, breaker, timeouts); their specification reads best whole.
using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// Retries and timeouts of the resilience pipeline over real HTTP on loopback. Reads are retried after 5xx, 408, 429
/// and lost connections; changes never are. Waits run on a fake clock, moved only once the client has begun to wait.
/// </summary>
public sealed class PartnerCenterResilienceTests
{
    private const string Customer = $$$"""{"id": "{{{SeedIds.Contoso}}}", "companyProfile": {"companyName": "Contoso Sandbox Lab"}}""";
    private const string Order = $$"""{"id": "{{SeedIds.SeedDocumentOrder}}", "status": "cancelled"}""";

    // The pipeline's own timers run for exactly these; every other timer on the clock is a wait between attempts.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(3);

    private static readonly (string, string?)[] RetriesOn =
    [
        ("PartnerCenter:MaxRetries", "4"),
        ("PartnerCenter:Timeout", "00:00:30"),
        ("PartnerCenter:TotalTimeout", "00:03:00"),
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("408")]
    [InlineData("dropped connection")]
    public async Task GetCustomerAsync_TransientFailureThenOk_SucceedsOnTheSecondAttempt(string failure)
    {
        await using var server = await ScriptedServer.StartAsync(Transient(failure), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        var response = await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 1);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.ShouldNotBeNull().Id.ShouldBe(SeedIds.Contoso);
        server.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("408")]
    [InlineData("dropped connection")]
    public async Task GetCustomerAsync_TransientFailureThenOk_LogsAttemptOneThenAttemptTwo(string failure)
    {
        await using var server = await ScriptedServer.StartAsync(Transient(failure), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 1);

        var attempts = client.Logs.From(typeof(PartnerCenterRequestHandler).FullName!);
        attempts.Select(e => e.Properties["Attempt"]).ShouldBe(["1", "2"]);
        attempts.ShouldAllBe(e => e.Properties["Route"] == "/v1/customers/{customerId}");
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("408")]
    [InlineData("dropped connection")]
    public async Task GetCustomerAsync_TransientFailureThenOk_SendsTheSameRequestIdOnBothAttempts(string failure)
    {
        await using var server = await ScriptedServer.StartAsync(Transient(failure), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 1);

        var requestIds = server.Requests.Select(r => r.Header(PartnerCenterHeaders.RequestId)).ToList();
        requestIds.Count.ShouldBe(2);
        Guid.TryParse(requestIds[0], out _).ShouldBeTrue($"MS-RequestId was '{requestIds[0]}'");
        requestIds[1].ShouldBe(requestIds[0]);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("408")]
    [InlineData("dropped connection")]
    public async Task GetCustomerAsync_TransientFailureThenOk_SendsADifferentCorrelationIdOnEachAttempt(string failure)
    {
        await using var server = await ScriptedServer.StartAsync(Transient(failure), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 1);

        var correlationIds = server.Requests.Select(r => r.Header(PartnerCenterHeaders.CorrelationId)).ToList();
        correlationIds.Count.ShouldBe(2);
        foreach (var id in correlationIds)
        {
            Guid.TryParse(id, out _).ShouldBeTrue($"MS-CorrelationId was '{id}'");
        }

        correlationIds[1].ShouldNotBe(correlationIds[0]);
    }

    [Fact]
    public async Task GetCustomerAsync_ConnectionRefusedThenServerUp_SucceedsOnTheSecondAttempt()
    {
        var address = LoopbackServer.AddressNobodyListensOn();
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(address, clock, RetriesOn);

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        var wait = await clock.WaitForTimerAsync(IsWaitBetweenAttempts);
        await using var server = await ScriptedServer.StartAsync(address, ServerAnswer.Json(200, Customer));
        clock.Advance(wait);
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task GetCustomerAsync_ConnectionRefusedThenServerUp_LogsBothAttemptsUnderOneRequestIdAndTwoCorrelationIds()
    {
        var address = LoopbackServer.AddressNobodyListensOn();
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(address, clock, RetriesOn);

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        var wait = await clock.WaitForTimerAsync(IsWaitBetweenAttempts);
        await using var server = await ScriptedServer.StartAsync(address, ServerAnswer.Json(200, Customer));
        clock.Advance(wait);
        await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        var attempts = client.Logs.From(typeof(PartnerCenterRequestHandler).FullName!);
        attempts.Select(e => (e.Level, e.Properties["Attempt"])).ShouldBe([(LogLevel.Warning, "1"), (LogLevel.Information, "2")]);
        attempts[1].Properties["RequestId"].ShouldBe(attempts[0].Properties["RequestId"]);
        attempts[1].Properties["CorrelationId"].ShouldNotBe(attempts[0].Properties["CorrelationId"]);
        attempts[1].Properties["RequestId"].ShouldBe(server.Requests.Single().Header(PartnerCenterHeaders.RequestId));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task GetCustomerAsync_AnsweredWithAClientError_IsNotRetried(int status)
    {
        // A retry would get the 200; on the real clock it would come within a couple of seconds.
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(status, "Tenant not found"), ServerAnswer.Json(200, Customer));
        await using var client = PartnerCenterClient.For(server.BaseAddress, RetriesOn);

        var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        response.StatusCode.ShouldBe((HttpStatusCode)status);
        server.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task PatchOrderAsync_Answered503_IsNotRetried()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(503), ServerAnswer.Json(200, Order));
        await using var client = PartnerCenterClient.For(server.BaseAddress, RetriesOn);

        var response = await client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        server.Requests.ShouldHaveSingleItem().Method.ShouldBe("PATCH");
    }

    [Fact]
    public async Task PatchOrderAsync_Throttled_IsNotRetried()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(1), ServerAnswer.Json(200, Order));
        await using var client = PartnerCenterClient.For(server.BaseAddress, RetriesOn);

        var response = await client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        server.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task PatchOrderAsync_ConnectionDropped_IsNotRetried()
    {
        // No answer means the cancel may or may not have been applied: only the order service, reading the order back,
        // may decide to send it again.
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.DropConnection(), ServerAnswer.Json(200, Order));
        await using var client = PartnerCenterClient.For(server.BaseAddress, RetriesOn);

        var response = await client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        PartnerCenterFailure.From(response).Kind.ShouldBe(PartnerCenterFailureKind.NoResponse);
        server.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeleteCustomerAsync_Answered503_IsNotRetried()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(503), new ServerAnswer(CannedResponse.Empty(204)));
        await using var client = PartnerCenterClient.For(server.BaseAddress, RetriesOn);

        var response = await client.Api.DeleteCustomerAsync(SeedIds.Contoso, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        server.Requests.ShouldHaveSingleItem().Method.ShouldBe("DELETE");
    }

    [Fact]
    public async Task GetCustomerAsync_Throttled57Seconds_WaitsThe57SecondsThenSucceeds()
    {
        // 57 s is longer than one attempt may take (30 s): the wait is between attempts, not inside one.
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(57), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        await server.WaitForRequestsAsync(1);
        call.IsCompleted.ShouldBeFalse();
        await clock.WaitForTimerAsync(IsWaitBetweenAttempts);

        clock.Advance(TimeSpan.FromSeconds(56));
        // Gives a wrongly early retry the time to show. A slow machine can only hide one, never fail a correct client:
        // the only timer that could send the retry is due at 57 s, and only this test moves the clock.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
        server.Requests.Count.ShouldBe(1, "the client retried before Retry-After had passed");
        call.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetCustomerAsync_Throttled57Seconds_LogsTheWaitBeforeRetrying()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(57), ServerAnswer.Json(200, Customer));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, RetriesOn);

        await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 1);

        var logged = client.Logs.From(typeof(PartnerCenterResilience).FullName!).ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Warning);
        logged.Properties["HttpMethod"].ShouldBe("GET");
        logged.Properties["Route"].ShouldBe("/v1/customers/{customerId}");
        logged.Properties["Outcome"].ShouldBe("429");
        logged.Properties["DelayMs"].ShouldBe("57000");
        logged.Properties["Retry"].ShouldBe("1");
        logged.Properties["MaxRetries"].ShouldBe("4");
    }

    [Fact]
    public async Task GetCustomerAsync_FailingOnEveryAttempt_StopsAfterMaxRetries()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(503));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, [.. RetriesOn, ("PartnerCenter:MaxRetries", "2")]);

        var response = await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 2);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetCustomerAsync_FailingOnEveryAttempt_FailsWithTheLastAnswer()
    {
        await using var server = await ScriptedServer.StartAsync(
            ServerAnswer.Error(503, "first answer"), ServerAnswer.Error(500, "second answer"), ServerAnswer.Error(503, "third answer"));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, [.. RetriesOn, ("PartnerCenter:MaxRetries", "2")]);

        var response = await AfterRetryWaitsAsync(client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation), clock, waits: 2);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.Error);
        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        failure.Description.ShouldBe("third answer");
        failure.CorrelationId.ShouldBe(server.Requests[2].Header(PartnerCenterHeaders.CorrelationId));
    }

    [Fact]
    public async Task GetCustomerAsync_ThrottledPastTheTotalTimeout_FailsWhenTheTotalTimeoutRunsOut()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(20));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock,
            [.. RetriesOn, ("PartnerCenter:Timeout", "00:00:10"), ("PartnerCenter:TotalTimeout", "00:00:45")]);
        var twentySeconds = TimeSpan.FromSeconds(20);

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        await clock.WaitForTimerAsync(t => t == twentySeconds);
        clock.Advance(twentySeconds);
        await server.WaitForRequestsAsync(2);
        await clock.WaitForTimerAsync(t => t == twentySeconds);
        clock.Advance(twentySeconds);
        await server.WaitForRequestsAsync(3);
        await clock.WaitForTimerAsync(t => t == twentySeconds);
        clock.Advance(TimeSpan.FromSeconds(4));
        // As above: the clock stands at 44 s of the 45 s total timeout and the third wait is due at 60 s, so a correct
        // client cannot have ended the call; the real-time wait only gives a wrong one the time to show.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
        call.IsCompleted.ShouldBeFalse("the call ended before its total timeout of 45 s");

        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        response.IsSuccessful.ShouldBeFalse();
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetCustomerAsync_NoAnswerWithinTheAttemptTimeout_FailsAsNoResponse()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Never());
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, ("PartnerCenter:Timeout", "00:00:10"));

        var call = client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
        await server.WaitForRequestsAsync(1);
        await clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.NoResponse);
        failure.Description.ShouldBe("Partner Center did not answer in time.");
    }

    private static ServerAnswer Transient(string failure) => failure switch
    {
        "dropped connection" => ServerAnswer.DropConnection(),
        _ => ServerAnswer.Error(int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static bool IsWaitBetweenAttempts(TimeSpan dueTime) => dueTime != AttemptTimeout && dueTime != TotalTimeout;

    /// <summary>Lets the call run through <paramref name="waits"/> waits between attempts, moving the clock past each.</summary>
    private static async Task<T> AfterRetryWaitsAsync<T>(Task<T> call, ObservedClock clock, int waits)
    {
        for (var i = 0; i < waits; i++)
        {
            clock.Advance(await clock.WaitForTimerAsync(IsWaitBetweenAttempts));
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
    }

    [Fact]
    public async Task GetCustomerAsync_RetryAfterLongerThanHalfTheTotalTimeout_AnswersTheThrottlingAtOnce()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Throttled(600));
        var clock = new ObservedClock();
        await using var client = PartnerCenterClient.For(server.BaseAddress, clock, [.. RetriesOn]);

        var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.Throttled);
        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(600));
        server.Requests.Count.ShouldBe(1);
    }
}
