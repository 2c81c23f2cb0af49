using System.Security.Claims;
using Dashboard.Orders;
using Dashboard.Orders.Jobs;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>The operator who queues a test's jobs; the dashboard checks their role (as stored with the job) before each item.</summary>
internal sealed class SandboxOperator : ICurrentUserAccessor
{
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Olivia Operator"), new Claim("oid", "0c0c0c0c-1111-4222-8333-444444444444"), new Claim("tid", SharedInstances.SandboxTenant),
         new Claim(ClaimTypes.Role, "Orders.Cancel")], "test"));

    public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) => Task.FromResult<ClaimsPrincipal?>(JobActor.Current ?? User);
}
