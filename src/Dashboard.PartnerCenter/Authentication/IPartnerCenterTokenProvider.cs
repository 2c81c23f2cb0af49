namespace Dashboard.PartnerCenter.Authentication;

/// <summary>Supplies the bearer token for a Partner Center call.</summary>
public interface IPartnerCenterTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>The scopes Partner Center tokens are requested for (docs/partner-center.md#authentication).</summary>
public static class PartnerCenterScopes
{
    /// <summary>App-only (client credentials).</summary>
    public const string App = "https://api.partnercenter.microsoft.com/.default";

    /// <summary>App+User (delegated).</summary>
    public const string User = "https://api.partnercenter.microsoft.com/user_impersonation";
}
