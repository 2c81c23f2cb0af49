using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests.Authentication;

/// <summary>The token of <c>PartnerCenter:StaticToken</c>, for the emulator or a recorded-response server.</summary>
public sealed class StaticTokenProviderTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnyCall_StaticTokenConfigured_SendsThatTokenAsBearerToken()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, "{}"));
        await using var client = PartnerCenterClient.For(server.BaseAddress,
            ("PartnerCenter:Authentication", "StaticToken"), ("PartnerCenter:StaticToken", "configured-token.c3RhdGlj~"));

        await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        server.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBe("Bearer configured-token.c3RhdGlj~");
    }
}
