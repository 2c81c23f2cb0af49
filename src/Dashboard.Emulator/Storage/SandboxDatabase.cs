using Dashboard.Emulator.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Storage;

/// <summary>Creates the SQLite file and seeds it on first start (an existing file is kept as it is), and resets it on request.</summary>
internal sealed class SandboxDatabase(
    IServiceScopeFactory scopes,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    ILogger<SandboxDatabase> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.ResolveDataPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SandboxDbContext>();
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            await SeedAsync(db, options.Value.Seed, cancellationToken);
        }
        else
        {
            logger.LogInformation("Using emulator sandbox {DataPath}", path);
            foreach (var added in await SandboxSchema.UpgradeAsync(db, cancellationToken))
            {
                logger.LogInformation("Added {SchemaItem} to emulator sandbox {DataPath}, made by an older emulator", added, path);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Empties the sandbox and seeds it again, with the configured profile or the one given.</summary>
    public async Task ResetAsync(string? seed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SandboxDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Changes.ExecuteDeleteAsync(cancellationToken);
        await db.AuditRecords.ExecuteDeleteAsync(cancellationToken);
        await db.Requests.ExecuteDeleteAsync(cancellationToken);
        await db.Orders.ExecuteDeleteAsync(cancellationToken);
        await db.Customers.ExecuteDeleteAsync(cancellationToken);
        await SeedAsync(db, seed ?? options.Value.Seed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SeedAsync(SandboxDbContext db, string profile, CancellationToken cancellationToken)
    {
        var seedOptions = new EmulatorOptions { Seed = profile, Large = options.Value.Large };
        var seed = SandboxSeed.For(seedOptions, time.GetUtcNow());
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Customers.AddRange(seed.Customers);
        await db.SaveChangesAsync(cancellationToken);

        // Large profiles hold tens of thousands of orders: save them in batches to keep memory flat.
        foreach (var batch in seed.Orders.Chunk(2_000))
        {
            db.Orders.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        logger.LogInformation(
            "Seeded emulator sandbox {DataPath} with profile {Seed}: {CustomerCount} customers, {OrderCount} orders",
            options.Value.ResolveDataPath(), profile, seed.Customers.Count, seed.Orders.Count);
    }
}
