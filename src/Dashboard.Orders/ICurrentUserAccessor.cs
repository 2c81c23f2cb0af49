using System.Security.Claims;

namespace Dashboard.Orders;

/// <summary>
/// The user the dashboard acts for, supplied by the host. Partner Center App+User tokens are acquired for this user;
/// in Blazor Server that is the user of the circuit a call comes from.
/// </summary>
public interface ICurrentUserAccessor
{
    Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken);
}
