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
}
