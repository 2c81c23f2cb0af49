using System.Net;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Api;

public sealed class PartnerCenterHeadersTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;

    public async ValueTask InitializeAsync() => _emulator = await RunningEmulator.StartAsync();

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task AnyRequest_WithRequestAndCorrelationIds_EchoesThem()
    {
        using var client = _emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Add("MS-RequestId", "655890ba-4d2b-4d09-a95f-4ea1348686a5");
        request.Headers.Add("MS-CorrelationId", "1438ea3d-b515-45c7-9ec1-27ee0cc8e6bd");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.Headers.GetValues("MS-RequestId").Single().ShouldBe("655890ba-4d2b-4d09-a95f-4ea1348686a5");
        response.Headers.GetValues("MS-CorrelationId").Single().ShouldBe("1438ea3d-b515-45c7-9ec1-27ee0cc8e6bd");
    }

    [Fact]
    public async Task AnyRequest_WithoutIds_GetsFreshOnes()
    {
        using var client = _emulator.CreateClient();

        var response = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        Guid.TryParse(response.Headers.GetValues("MS-RequestId").Single(), out _).ShouldBeTrue();
        Guid.TryParse(response.Headers.GetValues("MS-CorrelationId").Single(), out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer two words")]
    public async Task AnyRequest_WithoutABearerToken_Answers401WithWwwAuthenticate(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = _emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, 800001);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("OAuth realm=");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnyRequest_WithAnUnsignedJwtBearer_IsAccepted(bool unsecured)
    {
        using var client = _emulator.CreateClient(TestTokens.AppAndUser("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", unsecured));

        var response = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnyRequest_WithAnOpaqueBearer_IsAccepted()
    {
        using var client = _emulator.CreateClient(TestTokens.OpaqueAppAndUser);

        var response = await client.GetAsync("v1/customers", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("v1/customers/bd59b416-37f9-4d8f-8df3-5750111fc615/subscriptions/0c8f8a1e-6d0b-4e44-9f27-5b1f1f3a9d21")]
    [InlineData("v1/nothing-here")]
    public async Task UnknownV1Route_Answers404WithThePartnerCenterErrorBody(string uri)
    {
        using var client = _emulator.CreateClient();

        var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 1000);
    }
}
