using Microsoft.Identity.Abstractions;

namespace Dashboard.PartnerCenter.Authentication;

/// <summary>The app's own token (client credentials) through Microsoft.Identity.Web, which caches and renews it.</summary>
internal sealed class AppOnlyTokenProvider(IAuthorizationHeaderProvider headers) : IPartnerCenterTokenProvider
{
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        BearerToken.From(await headers.CreateAuthorizationHeaderForAppAsync(PartnerCenterScopes.App, cancellationToken: cancellationToken));
}
