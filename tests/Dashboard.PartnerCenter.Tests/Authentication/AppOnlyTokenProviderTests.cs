using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Identity.Abstractions;
using NSubstitute;

namespace Dashboard.PartnerCenter.Tests.Authentication;

/// <summary>
/// App-only tokens come from Microsoft.Identity.Web's <see cref="IAuthorizationHeaderProvider"/>, faked here because
/// Entra ID is not on this machine; the call they authorise is real HTTP.
/// </summary>
public sealed class AppOnlyTokenProviderTests : IAsyncLifetime
{
    private const string AppToken = "app-only.eyJhcHAiOiJ0ZXN0In0.c2lnbmF0dXJl";

    private readonly IAuthorizationHeaderProvider _entra = Substitute.For<IAuthorizationHeaderProvider>();
    private LoopbackServer _server = default!;
    private PartnerCenterClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _entra.CreateAuthorizationHeaderForAppAsync(Arg.Any<string>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<CancellationToken>())
            .Returns($"Bearer {AppToken}");
        _server = await LoopbackServer.StartAsync(CannedResponse.Json(200, "{}"));
        _client = PartnerCenterClient.For(_server.BaseAddress, services => services.AddSingleton(_entra), ("PartnerCenter:Authentication", "AppOnly"));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnyCall_AppOnly_AsksEntraForThePartnerCenterDefaultScopeOnly()
    {
        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var asked = _entra.ReceivedCalls().ShouldHaveSingleItem();
        asked.GetMethodInfo().Name.ShouldBe(nameof(IAuthorizationHeaderProvider.CreateAuthorizationHeaderForAppAsync));
        asked.GetArguments()[0].ShouldBe("https://api.partnercenter.microsoft.com/.default");
    }

    [Fact]
    public async Task AnyCall_AppOnly_SendsTheAppTokenAsBearerToken()
    {
        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        _server.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBe($"Bearer {AppToken}");
    }
}
