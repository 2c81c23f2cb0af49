using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Storage;

/// <summary>
/// The store on PostgreSQL, which several instances share. Its migrations are in <c>Migrations/PostgreSql</c>; jobs are
/// claimed there with <c>FOR UPDATE SKIP LOCKED</c> (<see cref="Jobs.JobRunner"/>).
/// </summary>
internal sealed class PostgreSqlDashboardDbContext(DbContextOptions<PostgreSqlDashboardDbContext> options) : DashboardDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.PostgreSql;
}
