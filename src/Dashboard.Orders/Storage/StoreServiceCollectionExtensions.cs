using Dashboard.Orders.Activity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard's own database, which <paramref name="useStore"/> points at a provider (SQLite by
    /// default), brought up to date when the host starts; and the activity log it holds: <see cref="IActivityLog"/>
    /// for the pages, the trail the actions append to, and retention (<c>Activity:RetentionDays</c>).
    /// Bulk jobs (<c>AddJobs</c>) keep their state in it too.
    /// </summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services, Action<DbContextOptionsBuilder> useStore)
    {
        services.AddPooledDbContextFactory<DashboardDbContext>(store =>
        {
            useStore(store);
            store.AddInterceptors(SqliteBusyTimeout.Instance);
        });
        services.AddHostedService<StoreMigration>();

        services.AddOptions<ActivityOptions>().BindConfiguration(ActivityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IActivityLog, ActivityLog>();
        services.AddSingleton<ActivityRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityRetention>());
        return services;
    }
}
