using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Orders.Storage;

/// <summary>What <c>dotnet ef migrations add --context SqliteDashboardDbContext</c> builds the model with (docs/store.md); the app never uses it.</summary>
internal sealed class SqliteDesignTimeStore : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
