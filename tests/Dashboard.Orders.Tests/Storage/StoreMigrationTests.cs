using Dashboard.Orders.Storage;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Orders.Tests.Storage;

/// <summary>
/// The store is brought up to date when the dashboard starts, by every instance: instances that start together on a
/// new store all start, and each migration is applied once.
/// </summary>
public sealed class StoreMigrationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ThreeInstancesOnANewStoreAtOnce_AllStartAndEachMigrationIsAppliedOnce()
    {
        await using var store = await StoreUnderTest.NewStoreAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => Instance(store.ConnectionString)).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var starting = instances.Select(instance => Task.Run(async () =>
        {
            await go.Task;
            foreach (var migration in instance.GetServices<IHostedService>().Where(s => s.GetType().Name == "StoreMigration"))
            {
                await migration.StartAsync(Cancellation);
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(starting);

        await using var db = await instances[0].GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Cancellation);
        var applied = (await db.Database.GetAppliedMigrationsAsync(Cancellation)).ToList();
        applied.ShouldBe(db.Database.GetMigrations().ToList());
        applied.ShouldBeUnique();
        (await db.Jobs.CountAsync(Cancellation)).ShouldBe(0);
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_StoreAlreadyUpToDate_ChangesNothing()
    {
        await using var store = await StoreUnderTest.NewStoreAsync();
        await using var first = Instance(store.ConnectionString);
        await MigrateAsync(first);
        await using (var db = await first.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Cancellation))
        {
            db.Activity.Add(new ActivityRecord { At = DateTimeOffset.UtcNow, UserName = "Olivia Operator", Instance = "test" });
            await db.SaveChangesAsync(Cancellation);
        }

        await using var second = Instance(store.ConnectionString);
        await MigrateAsync(second);

        await using var check = await second.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Cancellation);
        (await check.Activity.CountAsync(Cancellation)).ShouldBe(1);
        (await check.Database.GetPendingMigrationsAsync(Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Model_EveryChange_HasAMigrationOfThisProvider()
    {
        await using var store = await StoreUnderTest.NewStoreAsync();
        await using var instance = Instance(store.ConnectionString);
        await using var db = await instance.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Cancellation);

        db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without `dotnet ef migrations add` for this provider (docs/store.md)");
    }

    private static ServiceProvider Instance(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDashboardStore(StoreUnderTest.Provider, connectionString);
        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(ServiceProvider instance)
    {
        foreach (var migration in instance.GetServices<IHostedService>().Where(s => s.GetType().Name == "StoreMigration"))
        {
            await migration.StartAsync(Cancellation);
        }
    }
}
