using Dashboard.Emulator.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Storage;

/// <summary>Creates the SQLite file and seeds it on first start; an existing file is kept as it is.</summary>
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
        var created = await db.Database.EnsureCreatedAsync(cancellationToken);
        if (created)
        {
            var seed = SandboxSeed.For(options.Value.Seed, time.GetUtcNow());
            db.Customers.AddRange(seed.Customers);
            db.Orders.AddRange(seed.Orders);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation(
                "Created emulator sandbox {DataPath} with seed {Seed}: {CustomerCount} customers, {OrderCount} orders",
                path, options.Value.Seed, seed.Customers.Count, seed.Orders.Count);
        }
        else
        {
            logger.LogInformation("Using emulator sandbox {DataPath}", path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
