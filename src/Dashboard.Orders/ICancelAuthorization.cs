namespace Dashboard.Orders;

/// <summary>
/// Whether the dashboard may send a cancel for the current user, decided by the host: the user's role, and the guard
/// that keeps cancels to the integration sandbox. The order service asks it before every cancel, so that a page (or a
/// crafted circuit event) that skips the check in the UI still gets nothing sent.
/// </summary>
public interface ICancelAuthorization
{
    /// <summary>Null when a cancel may be sent; otherwise why not, fit to show.</summary>
    Task<string?> WhyNotAsync(CancellationToken cancellationToken);
}

/// <summary>The default when the host says nothing: no cancel is sent. Failing closed is the only safe default.</summary>
internal sealed class NoCancelsAuthorized : ICancelAuthorization
{
    public Task<string?> WhyNotAsync(CancellationToken cancellationToken) =>
        Task.FromResult<string?>("Cancelling is not enabled in this dashboard: the host did not say who may cancel.");
}
