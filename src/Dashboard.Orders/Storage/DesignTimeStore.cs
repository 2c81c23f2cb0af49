using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Orders.Storage;

/// <summary>What <c>dotnet ef migrations add</c> builds the model with (docs/store.md); the app never uses it.</summary>
internal sealed class DesignTimeStore : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
