using System.Security.Claims;
using Dashboard.PartnerCenter.Http;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;

namespace Dashboard.PartnerCenter.Authentication;

/// <summary>
/// Who the current Partner Center call is made for. The host supplies it: in Blazor Server, the user of the circuit the
/// call comes from — not the user of the HTTP client factory's own scope, which has none.
/// </summary>
public interface IPartnerCenterUserAccessor
{
    Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken);
}

/// <summary>The signed-in user's delegated token through Microsoft.Identity.Web, for the user of the current call.</summary>
internal sealed class AppAndUserTokenProvider(IAuthorizationHeaderProvider headers, IPartnerCenterUserAccessor users) : IPartnerCenterTokenProvider
{
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(cancellationToken);
        if (user?.Identity?.IsAuthenticated != true)
        {
            throw new InvalidOperationException("A Partner Center call on behalf of a user was made without a signed-in user.");
        }

        try
        {
            return BearerToken.From(await headers.CreateAuthorizationHeaderForUserAsync(
                [PartnerCenterScopes.User], claimsPrincipal: user, cancellationToken: cancellationToken));
        }
        catch (MicrosoftIdentityWebChallengeUserException ex)
        {
            // Consent, MFA, conditional access, or a token cache that lost the user (a restart with the in-memory cache).
            throw new PartnerCenterSignInRequiredException("Entra ID needs the user to sign in again.", ex.MsalUiRequiredException?.Claims, ex);
        }
        catch (MsalUiRequiredException ex)
        {
            throw new PartnerCenterSignInRequiredException("Entra ID needs the user to sign in again.", ex.Claims, ex);
        }
    }
}

internal static class BearerToken
{
    /// <summary>The token of an authorization header value such as "Bearer eyJ...".</summary>
    public static string From(string authorizationHeader)
    {
        ArgumentNullException.ThrowIfNull(authorizationHeader);
        var space = authorizationHeader.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? authorizationHeader : authorizationHeader[(space + 1)..];
    }
}
