using Dashboard.PartnerCenter.Authentication;

namespace Dashboard.Orders;

/// <summary>What the host's sign-in must ask Entra ID for, so that Partner Center calls can be made for the user.</summary>
public static class PartnerCenterSignIn
{
    /// <summary>The delegated Partner Center scope (App+User), requested at sign-in so that the code is redeemed for it.</summary>
    public const string DelegatedScope = PartnerCenterScopes.User;
}
