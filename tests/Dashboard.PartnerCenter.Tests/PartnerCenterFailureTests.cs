using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>What a failed call turns into, for each kind of failure a real deployment meets.</summary>
public sealed class PartnerCenterFailureTests
{
    private const string ThrottlingBody = """{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds."}""";

    private const string ProxyErrorPage = """
        <!DOCTYPE html>
        <html><head><title>502 Bad Gateway</title></head>
        <body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task From_EmulatorOrderNotFound_IsErrorWithCodeAndDescription()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);
        var response = await client.Api.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.Error);
        failure.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        failure.ErrorCode.ShouldBe("20000");
        failure.Description.ShouldBe("Order ID not found");
        failure.RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task From_EmulatorOrderNotFound_CarriesTheIdsTheServerReceived()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);
        var response = await client.Api.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);

        var failure = PartnerCenterFailure.From(response);

        // The emulator echoes the ids it received, which makes them the ids the client sent.
        var echoed = response.Headers.ShouldNotBeNull();
        failure.CorrelationId.ShouldNotBeNull();
        failure.CorrelationId.ShouldBe(echoed.GetValues(PartnerCenterHeaders.CorrelationId).Single());
        failure.RequestId.ShouldBe(echoed.GetValues(PartnerCenterHeaders.RequestId).Single());
    }

    [Fact]
    public async Task From_ErrorBodyWithCodeAsString_ReadsTheCode()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(404,
            """{"code": "20000", "description": "Order ID not found", "data": [], "source": "PartnerFD"}"""));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.Error);
        failure.ErrorCode.ShouldBe("20000");
    }

    [Fact]
    public async Task From_ThrottlingAnswer_IsThrottledWithRetryAfterAndMessage()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(429, ThrottlingBody) with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "57" },
        });
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.Throttled);
        failure.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(57));
        failure.Description.ShouldBe("Rate limit is exceeded. Try again in 57 seconds.");
    }

    [Fact]
    public async Task From_ThrottlingAnswerWithoutBody_IsStillThrottled()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(429) with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "57" },
        });
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.Throttled);
        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(57));
    }

    [Fact]
    public async Task From_HtmlPageFromAProxy_IsUnexpectedResponseWithoutThePage()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Html(502, ProxyErrorPage));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.UnexpectedResponse);
        failure.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        failure.ErrorCode.ShouldBeNull();
        failure.Description.ShouldContain("502");
        failure.Description.ShouldContain("text/html");
        failure.Description.ShouldNotContain("Bad Gateway</h1>");
    }

    [Fact]
    public async Task From_EmptyServiceUnavailable_IsUnexpectedResponseSayingTheBodyWasEmpty()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(503));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.UnexpectedResponse);
        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        failure.Description.ShouldContain("empty body");
    }

    [Fact]
    public async Task From_UnexpectedResponse_CarriesTheIdsTheServerReceived()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(503));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        var received = server.Requests.ShouldHaveSingleItem();
        failure.CorrelationId.ShouldBe(received.Header(PartnerCenterHeaders.CorrelationId));
        failure.RequestId.ShouldBe(received.Header(PartnerCenterHeaders.RequestId));
    }

    [Fact]
    public async Task From_SuccessWithUnreadableBody_IsUnexpectedResponse()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """{"id": "x", "lineItems": "not a list"}"""));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.UnexpectedResponse);
        failure.StatusCode.ShouldBe(HttpStatusCode.OK);
        failure.Description.ShouldContain("could not be read");
    }

    [Fact]
    public async Task From_ConnectionRefused_IsNoResponse()
    {
        await using var client = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());
        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.NoResponse);
        failure.StatusCode.ShouldBeNull();
        failure.ErrorCode.ShouldBeNull();
        failure.Description.ShouldBe("Partner Center could not be reached.");
    }

    [Fact]
    public async Task From_ConnectionRefused_CarriesTheCorrelationIdOfTheCall()
    {
        await using var client = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());
        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        // The handler logged the call with its ids; support can only match the failure to that line through them.
        var logged = client.Logs.From(typeof(PartnerCenterRequestHandler).FullName!).ShouldHaveSingleItem();
        failure.CorrelationId.ShouldBe(logged.Properties["CorrelationId"]);
        failure.RequestId.ShouldBe(logged.Properties["RequestId"]);
    }

    [Fact]
    public async Task From_NoAnswerWithinTheTimeout_IsNoResponseSayingSo()
    {
        // Held until the client gives up: only its attempt timeout can end the call, whatever the machine's speed.
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Never);
        await using var client = PartnerCenterClient.For(server.BaseAddress, ("PartnerCenter:Timeout", "00:00:00.5"));
        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Kind.ShouldBe(PartnerCenterFailureKind.NoResponse);
        failure.Description.ShouldBe("Partner Center did not answer in time.");
    }

    [Fact]
    public async Task PatchOrderAsync_CancelledByTheCaller_Throws()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Never);
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var patching = client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), cancellation.Token);
        await server.WaitForRequestsAsync(1, Cancellation);
        await cancellation.CancelAsync();

        // A page that goes away is not "Partner Center did not answer": the caller stopped waiting.
        await Should.ThrowAsync<OperationCanceledException>(() => patching);
        server.Requests.ShouldHaveSingleItem().Method.ShouldBe("PATCH");
    }
}
