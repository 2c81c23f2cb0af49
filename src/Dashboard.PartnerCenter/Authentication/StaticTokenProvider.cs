using Microsoft.Extensions.Options;

namespace Dashboard.PartnerCenter.Authentication;

/// <summary>The token from <c>PartnerCenter:StaticToken</c>, for the emulator or a recorded-response server.</summary>
internal sealed class StaticTokenProvider(IOptions<PartnerCenterOptions> options) : IPartnerCenterTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.StaticToken ?? throw new InvalidOperationException("PartnerCenter:StaticToken is not set."));
}
