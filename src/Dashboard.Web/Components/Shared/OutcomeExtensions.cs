namespace Dashboard.Web.Components.Shared;

internal static class OutcomeExtensions
{
    /// <summary>
    /// Turns "Partner Center could not answer" into a problem the page shows with a Retry, like any other, so that no
    /// read failure can reach the circuit.
    /// </summary>
    public static async Task<Outcome<T>> OrUnavailable<T>(this Task<Outcome<T>> call)
    {
        try
        {
            return await call;
        }
        catch (PartnerCenterUnavailableException ex)
        {
            return ex.ToProblem();
        }
        catch (OperationCanceledException)
        {
            // Only the page's own token cancels a call (it is leaving); nobody will see this.
            return new Problem(ProblemKind.Unavailable, "The request was cancelled.");
        }
    }
}
