using Dashboard.Orders.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Orders.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard's own database on <paramref name="provider"/>, brought up to date when the host starts;
    /// and the activity log it holds: <see cref="IActivityLog"/> for the pages, the trail the actions append to, and
    /// retention (<c>Activity:RetentionDays</c>). Bulk jobs (<c>AddJobs</c>) keep their state in it too.
    /// <paramref name="configure"/> adds to the store's options (a test's interceptor, say).
    /// </summary>
    public static IServiceCollection AddDashboardStore(
        this IServiceCollection services, StoreProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        switch (provider)
        {
            case StoreProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteDashboardDbContext>(store =>
                {
                    store.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);
                    configure?.Invoke(store);
                });
                services.AddSingleton<IDbContextFactory<DashboardDbContext>, StoreContextFactory<SqliteDashboardDbContext>>();
                break;
            case StoreProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgreSqlDashboardDbContext>(store =>
                {
                    store.UseNpgsql(connectionString);
                    configure?.Invoke(store);
                });
                services.AddSingleton<IDbContextFactory<DashboardDbContext>, StoreContextFactory<PostgreSqlDashboardDbContext>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Not a store provider.");
        }

        services.AddHostedService<StoreMigration>();

        services.AddOptions<ActivityOptions>().BindConfiguration(ActivityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IActivityLog, ActivityLog>();
        services.AddSingleton<ActivityRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityRetention>());
        return services;
    }

    /// <summary>Reports whether the store answers (<see cref="StoreHealthCheck"/>), within five seconds.</summary>
    public static IHealthChecksBuilder AddStoreCheck(this IHealthChecksBuilder checks, params string[] tags) =>
        checks.Add(new HealthCheckRegistration(
            "store", sp => ActivatorUtilities.CreateInstance<StoreHealthCheck>(sp), HealthStatus.Unhealthy, tags, TimeSpan.FromSeconds(5)));
}
