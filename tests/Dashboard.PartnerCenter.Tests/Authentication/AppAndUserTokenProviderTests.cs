using System.Security.Claims;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Authentication;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Dashboard.PartnerCenter.Tests.Authentication;

/// <summary>
/// App+User tokens: the delegated token of the user the host's <see cref="IPartnerCenterUserAccessor"/> names for the
/// current call, from a faked <see cref="IAuthorizationHeaderProvider"/> (Entra ID is not on this machine).
/// </summary>
public sealed class AppAndUserTokenProviderTests : IAsyncLifetime
{
    private readonly IAuthorizationHeaderProvider _entra = Substitute.For<IAuthorizationHeaderProvider>();
    private readonly AmbientUser _users = new();
    private LoopbackServer _server = default!;
    private PartnerCenterClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Each user's token names the user, so that a request shows whose token it carries.
        _entra.CreateAuthorizationHeaderForUserAsync(
                Arg.Any<IEnumerable<string>>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<ClaimsPrincipal?>(), Arg.Any<CancellationToken>())
            .Returns(call => $"Bearer user-token.{call.ArgAt<ClaimsPrincipal?>(2)?.Identity?.Name}");
        _server = await LoopbackServer.StartAsync(CannedResponse.Json(200, "{}"));
        _client = PartnerCenterClient.For(_server.BaseAddress,
            services => services.AddSingleton(_entra).AddSingleton<IPartnerCenterUserAccessor>(_users),
            ("PartnerCenter:Authentication", "AppAndUser"));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnyCall_SignedInUser_AsksEntraForUserImpersonationOnly()
    {
        _users.Set(SignedIn("alice"));

        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var asked = _entra.ReceivedCalls().ShouldHaveSingleItem();
        asked.GetMethodInfo().Name.ShouldBe(nameof(IAuthorizationHeaderProvider.CreateAuthorizationHeaderForUserAsync));
        asked.GetArguments()[0].ShouldBeAssignableTo<IEnumerable<string>>().ShouldBe(["https://api.partnercenter.microsoft.com/user_impersonation"]);
    }

    [Fact]
    public async Task AnyCall_SignedInUser_AsksEntraForThatUsersToken()
    {
        var alice = SignedIn("alice");
        _users.Set(alice);

        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        _entra.ReceivedCalls().ShouldHaveSingleItem().GetArguments()[2].ShouldBeSameAs(alice);
    }

    [Fact]
    public async Task AnyCall_SignedInUser_SendsTheUsersTokenAsBearerToken()
    {
        _users.Set(SignedIn("alice"));

        await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        _server.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBe("Bearer user-token.alice");
    }

    [Fact]
    public async Task AnyCall_NoUser_FailsWithoutSendingARequest()
    {
        _users.Set(null);

        var response = await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        response.IsSuccessful.ShouldBeFalse();
        _server.Requests.ShouldBeEmpty();
        _entra.ReceivedCalls().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnyCall_AnonymousUser_FailsWithoutSendingARequest()
    {
        _users.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "anonymous")])));

        var response = await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        response.IsSuccessful.ShouldBeFalse();
        _server.Requests.ShouldBeEmpty();
        _entra.ReceivedCalls().ShouldBeEmpty();
    }

    private const string ClaimsChallenge = """{"access_token":{"acrs":{"essential":true,"value":"c1"}}}""";

    [Fact]
    public async Task AnyCall_EntraNeedsTheUserToSignInAgain_FailsAsSignInRequiredWithTheClaimsChallenge()
    {
        _users.Set(SignedIn("ada"));
        GivenEntraAsksTheUserToSignInAgain();

        var response = await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.SignInRequired);
        failure.ClaimsChallenge.ShouldBe(ClaimsChallenge);
        failure.Description.ShouldContain("sign in again");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task PatchOrderAsync_EntraNeedsTheUserToSignInAgain_SendsNothing()
    {
        _users.Set(SignedIn("ada"));
        GivenEntraAsksTheUserToSignInAgain();

        var response = await _client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        PartnerCenterFailure.From(response).Kind.ShouldBe(PartnerCenterFailureKind.SignInRequired);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnyCall_MsalItselfNeedsTheUser_FailsAsSignInRequired()
    {
        _users.Set(SignedIn("ada"));
        _entra.CreateAuthorizationHeaderForUserAsync(
                Arg.Any<IEnumerable<string>>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<ClaimsPrincipal?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(WithClaims(new MsalUiRequiredException("invalid_grant", "AADSTS50076: MFA required.")));

        var response = await _client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.SignInRequired);
        failure.ClaimsChallenge.ShouldBe(ClaimsChallenge);
    }

    // MSAL fills Claims from Entra ID's answer and offers no public way to set it; a test sets it as MSAL would.
    private static MsalUiRequiredException WithClaims(MsalUiRequiredException exception)
    {
        typeof(MsalServiceException).GetProperty(nameof(MsalServiceException.Claims))!.SetValue(exception, ClaimsChallenge);
        return exception;
    }

    private void GivenEntraAsksTheUserToSignInAgain()
    {
        var msal = WithClaims(new MsalUiRequiredException("invalid_grant", "AADSTS50076: multi-factor authentication is required."));
        _entra.CreateAuthorizationHeaderForUserAsync(
                Arg.Any<IEnumerable<string>>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<ClaimsPrincipal?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new MicrosoftIdentityWebChallengeUserException(msal, [PartnerCenterScopes.User]));
    }

    [Fact]
    public async Task PatchOrderAsync_NoUser_FailsAsNotSent()
    {
        // Nothing went out, so nothing can have been applied: the order service must not treat this cancel as one
        // whose answer was lost (NoResponse: "may or may not have been applied") and go looking for its effect.
        _users.Set(null);

        var response = await _client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        PartnerCenterFailure.From(response).Kind.ShouldBe(PartnerCenterFailureKind.NotSent);
    }

    [Fact]
    public async Task TwoConcurrentCalls_ForDifferentUsers_EachCarriesItsOwnUsersToken()
    {
        // Both token requests are held until both have been made, so that the two calls are in flight together.
        var asked = 0;
        var bothAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _entra.CreateAuthorizationHeaderForUserAsync(
                Arg.Any<IEnumerable<string>>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<ClaimsPrincipal?>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                if (Interlocked.Increment(ref asked) == 2)
                {
                    bothAsked.SetResult();
                }

                await bothAsked.Task.WaitAsync(TimeSpan.FromSeconds(5));
                return $"Bearer user-token.{call.ArgAt<ClaimsPrincipal?>(2)?.Identity?.Name}";
            });

        await Task.WhenAll(
            GetCustomerAsAsync(SignedIn("alice"), SeedIds.Contoso),
            GetCustomerAsAsync(SignedIn("bob"), SeedIds.Fabrikam));

        _server.Requests.Count.ShouldBe(2);
        _server.Requests.Single(r => r.PathAndQuery.EndsWith(SeedIds.Contoso, StringComparison.Ordinal)).Header("Authorization").ShouldBe("Bearer user-token.alice");
        _server.Requests.Single(r => r.PathAndQuery.EndsWith(SeedIds.Fabrikam, StringComparison.Ordinal)).Header("Authorization").ShouldBe("Bearer user-token.bob");
    }

    // Runs as its own async flow: the user set here is this call's only, as a Blazor circuit's user is its own.
    private async Task GetCustomerAsAsync(ClaimsPrincipal user, string customerId)
    {
        _users.Set(user);
        await _client.Api.GetCustomerAsync(customerId, Cancellation);
    }

    private static ClaimsPrincipal SignedIn(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], authenticationType: "TestSignIn"));

    /// <summary>The signed-in user of the current async flow, like a circuit-scoped accessor in Blazor Server.</summary>
    private sealed class AmbientUser : IPartnerCenterUserAccessor
    {
        private readonly AsyncLocal<ClaimsPrincipal?> _user = new();

        public void Set(ClaimsPrincipal? user) => _user.Value = user;

        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) => Task.FromResult(_user.Value);
    }
}
