using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Storage;

/// <summary>Hands out the provider's own context as the <see cref="DashboardDbContext"/> that everything else takes.</summary>
internal sealed class StoreContextFactory<TContext>(IDbContextFactory<TContext> provider) : IDbContextFactory<DashboardDbContext>
    where TContext : DashboardDbContext
{
    public DashboardDbContext CreateDbContext() => provider.CreateDbContext();

    public async Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await provider.CreateDbContextAsync(cancellationToken);
}
