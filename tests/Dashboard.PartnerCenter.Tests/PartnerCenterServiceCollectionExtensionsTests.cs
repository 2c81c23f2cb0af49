using System.Net;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>The client as <c>AddPartnerCenterClient</c> registers it: where calls go and when configuration is checked.</summary>
public sealed class PartnerCenterServiceCollectionExtensionsTests
{
    private const string EmptyCollection = """{"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1/")]
    public async Task AddPartnerCenterClient_BaseUrlWithOrWithoutVersion_CallsTheVersionedPathOnce(string suffix)
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, EmptyCollection));
        await using var client = PartnerCenterClient.FromConfiguration(("PartnerCenter:BaseUrl", server.BaseAddress + suffix));

        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe("/v1/customers");
    }

    [Fact]
    public async Task AddPartnerCenterClient_NoBaseUrlAndNoRootFromTheHost_FailsNamingBaseUrl()
    {
        await using var client = PartnerCenterClient.FromConfiguration();

        var thrown = Should.Throw<OptionsValidationException>(() => client.Services.GetRequiredService<IOptions<PartnerCenterOptions>>().Value);

        thrown.Message.ShouldContain("PartnerCenter:BaseUrl");
    }

    [Fact]
    public async Task AddPartnerCenterClient_RootFromTheHost_DoesNotNeedBaseUrl()
    {
        await using var client = PartnerCenterClient.For(new Uri("http://127.0.0.1:9/"));

        var options = client.Services.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;

        options.BaseUrl.ShouldBeNull();
    }

    [Fact]
    public async Task AddPartnerCenterClient_MisconfiguredHost_FailsAtStartNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([
            new("PartnerCenter:BaseUrl", "https://api.partnercenter.microsoft.com"),
            new("PartnerCenter:StaticToken", PartnerCenterClient.Token),
            new("PartnerCenter:Timeout", "00:00:00"),
        ]);
        builder.Services.AddPartnerCenterClient();
        using var host = builder.Build();

        var thrown = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Cancellation));

        thrown.Message.ShouldContain("PartnerCenter:Timeout");
    }
}
