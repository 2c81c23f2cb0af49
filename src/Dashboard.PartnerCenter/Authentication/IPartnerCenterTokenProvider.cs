namespace Dashboard.PartnerCenter.Authentication;

/// <summary>Supplies the bearer token for a Partner Center call.</summary>
public interface IPartnerCenterTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
