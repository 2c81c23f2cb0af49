using System.Security.Claims;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Dashboard.Orders.Tests;

/// <summary>
/// App+User tokens that Entra ID gives only after the user signs in again (consent, MFA, conditional access): the
/// pages get <see cref="ProblemKind.SignInRequired"/>, which sends the user through sign-in, and nothing is sent.
/// </summary>
public sealed class OrderServiceSignInRequiredTests : IAsyncLifetime
{
    private readonly IAuthorizationHeaderProvider _entra = Substitute.For<IAuthorizationHeaderProvider>();
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var msal = new MsalUiRequiredException("invalid_grant", "AADSTS50076: multi-factor authentication is required.");
        _entra.CreateAuthorizationHeaderForUserAsync(
                Arg.Any<IEnumerable<string>>(), Arg.Any<AuthorizationHeaderProviderOptions?>(), Arg.Any<ClaimsPrincipal?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new MicrosoftIdentityWebChallengeUserException(msal, [PartnerCenterSignIn.DelegatedScope]));
        _emulator = await RunningEmulator.StartAsync();
        _desk = OrderDesk.For(_emulator.BaseAddress, null, new CancelsAllowed(),
            services => services.AddSingleton(_entra).AddSingleton<ICurrentUserAccessor>(new SignedInUser()),
            ("PartnerCenter:Authentication", "AppAndUser"));
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListOrdersAsync_EntraAsksForANewSignIn_IsSignInRequired()
    {
        var outcome = await _desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.SignInRequired);
        outcome.Problem!.Message.ShouldContain("sign in again");
    }

    [Fact]
    public async Task CancelOrderAsync_EntraAsksForANewSignIn_IsSignInRequiredAndNothingIsApplied()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.SignInRequired);
        (await _emulator.ChangesAsync(SeedIds.SeedDocumentOrder, Cancellation)).ShouldBeEmpty();
    }

    private sealed class SignedInUser : ICurrentUserAccessor
    {
        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) =>
            Task.FromResult<ClaimsPrincipal?>(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Ada")], "test", "name", "roles")));
    }
}
