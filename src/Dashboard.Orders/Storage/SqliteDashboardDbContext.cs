using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Orders.Storage;

/// <summary>The store on SQLite (the default): a file, for one instance. Its migrations are in <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset values; as UTC ticks they compare as numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
