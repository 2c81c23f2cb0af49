using Dashboard.Orders;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>The host's say on cancelling for a test's own order desk: every cancel allowed, as for an operator in the sandbox.</summary>
internal sealed class CancelsAllowed : ICancelAuthorization
{
    public Task<string?> WhyNotAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
