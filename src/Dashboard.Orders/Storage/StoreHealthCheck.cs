using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Orders.Storage;

/// <summary>The dashboard's own store answers a query: without it no job runs and no cancel is recorded.</summary>
internal sealed class StoreHealthCheck(IDbContextFactory<DashboardDbContext> store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await store.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The store does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception goes to the health service's log; the answer names no server or error text.
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
