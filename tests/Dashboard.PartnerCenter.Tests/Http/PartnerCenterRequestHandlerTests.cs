using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests.Http;

/// <summary>The headers every Partner Center call carries, as a server on loopback receives them.</summary>
public sealed class PartnerCenterRequestHandlerTests : IAsyncLifetime
{
    private const string CustomersBody = """{"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}""";

    private LoopbackServer _server = default!;
    private PartnerCenterClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(CannedResponse.Json(200, CustomersBody));
        _client = PartnerCenterClient.For(_server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnyCall_Always_AcceptsApplicationJsonOnly()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        _server.Requests.ShouldHaveSingleItem().Header("Accept").ShouldBe("application/json");
    }

    [Fact]
    public async Task AnyCall_StaticTokenConfigured_SendsItAsBearerToken()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        _server.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBe($"Bearer {PartnerCenterClient.Token}");
    }

    [Fact]
    public async Task AnyCall_Always_SendsAGuidCorrelationId()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        var correlationId = _server.Requests.ShouldHaveSingleItem().Header(PartnerCenterHeaders.CorrelationId);
        Guid.TryParse(correlationId, out _).ShouldBeTrue($"MS-CorrelationId was '{correlationId}'");
    }

    [Fact]
    public async Task AnyCall_Always_SendsAGuidRequestId()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        var requestId = _server.Requests.ShouldHaveSingleItem().Header(PartnerCenterHeaders.RequestId);
        Guid.TryParse(requestId, out _).ShouldBeTrue($"MS-RequestId was '{requestId}'");
    }

    [Fact]
    public async Task TwoCalls_Always_SendDifferentCorrelationIds()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        var correlationIds = _server.Requests.Select(r => r.Header(PartnerCenterHeaders.CorrelationId)).ToList();
        correlationIds.Count.ShouldBe(2);
        correlationIds.ShouldAllBe(id => id != null);
        correlationIds[0].ShouldNotBe(correlationIds[1]);
    }

    [Fact]
    public async Task TwoCalls_NoRequestIdSetByTheCaller_SendDifferentRequestIds()
    {
        await _client.Api.GetCustomersAsync(null, null, Cancellation);
        await _client.Api.GetCustomersAsync(null, null, Cancellation);

        var requestIds = _server.Requests.Select(r => r.Header(PartnerCenterHeaders.RequestId)).ToList();
        requestIds.Count.ShouldBe(2);
        requestIds.ShouldAllBe(id => id != null);
        requestIds[0].ShouldNotBe(requestIds[1]);
    }

    [Fact]
    public async Task SendAsync_RequestIdSetByTheCaller_KeepsIt()
    {
        using var http = CreateHttpClientThroughTheHandler();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Add(PartnerCenterHeaders.RequestId, "655890ba-4d2b-4d09-a95f-4ea1348686a5");

        await http.SendAsync(request, Cancellation);

        _server.Requests.ShouldHaveSingleItem().Header(PartnerCenterHeaders.RequestId).ShouldBe("655890ba-4d2b-4d09-a95f-4ea1348686a5");
    }

    [Fact]
    public async Task SendAsync_CorrelationIdSetByTheCaller_ReplacesItWithAFreshOne()
    {
        using var http = CreateHttpClientThroughTheHandler();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Add(PartnerCenterHeaders.CorrelationId, "1438ea3d-b515-45c7-9ec1-27ee0cc8e6bd");

        await http.SendAsync(request, Cancellation);

        var sent = _server.Requests.ShouldHaveSingleItem().Header(PartnerCenterHeaders.CorrelationId);
        sent.ShouldNotBe("1438ea3d-b515-45c7-9ec1-27ee0cc8e6bd");
        Guid.TryParse(sent, out _).ShouldBeTrue($"MS-CorrelationId was '{sent}'");
    }

    [Fact]
    public async Task AnyCall_Answered_LogsOneEventWithMethodRouteTemplateStatusAttemptAndIds()
    {
        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var sent = _server.Requests.ShouldHaveSingleItem();
        var logged = _client.Logs.From(typeof(PartnerCenterRequestHandler).FullName!).ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Information);
        logged.Properties["HttpMethod"].ShouldBe("GET");
        logged.Properties["Route"].ShouldBe("/v1/customers/{customerId}");
        logged.Properties["StatusCode"].ShouldBe("200");
        logged.Properties["Attempt"].ShouldBe("1");
        logged.Properties["CorrelationId"].ShouldBe(sent.Header(PartnerCenterHeaders.CorrelationId));
        logged.Properties["RequestId"].ShouldBe(sent.Header(PartnerCenterHeaders.RequestId));
    }

    [Fact]
    public async Task AnyCall_NoAnswer_LogsOneWarning()
    {
        await using var client = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());

        await client.Api.GetCustomersAsync(null, null, Cancellation);

        var logged = client.Logs.From(typeof(PartnerCenterRequestHandler).FullName!).ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Warning);
        logged.Properties["Failure"].ShouldBe(nameof(HttpRequestException));
        Guid.TryParse(logged.Properties["CorrelationId"], out _).ShouldBeTrue();
    }

    /// <summary>
    /// The handler as the client factory builds it, in front of a real socket handler: the only way for a caller to set
    /// its own <c>MS-RequestId</c>, which the Refit interface does not expose.
    /// </summary>
    private HttpClient CreateHttpClientThroughTheHandler()
    {
        var handler = _client.Services.GetRequiredService<PartnerCenterRequestHandler>();
        handler.InnerHandler = new SocketsHttpHandler();
        return new HttpClient(handler) { BaseAddress = _server.BaseAddress };
    }
}
