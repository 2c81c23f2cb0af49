using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Orders.Storage;

/// <summary>What <c>dotnet ef migrations add --context PostgreSqlDashboardDbContext</c> builds the model with; it connects to no server.</summary>
internal sealed class PostgreSqlDesignTimeStore : IDesignTimeDbContextFactory<PostgreSqlDashboardDbContext>
{
    public PostgreSqlDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDashboardDbContext>().UseNpgsql("Host=localhost;Database=design-time").Options);
}
