using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Orders.Storage;

/// <summary>
/// Brings the dashboard's database up to date with the migrations shipped in this assembly when the host starts, before
/// the job runner (registered after it) looks for work. A SQLite file is created in a folder that is created first.
/// </summary>
internal sealed class StoreMigration(IDbContextFactory<DashboardDbContext> store, ILogger<StoreMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite() && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers (the jobs page) never wait for the job's writes. It stays set in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Dashboard store ready ({Provider}); {MigrationCount} migrations applied", db.Database.ProviderName, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
