using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers bulk jobs: <see cref="IJobService"/> for the pages, the runner that carries jobs out in the background,
    /// and the dashboard's database, which <paramref name="useStore"/> points at a provider (SQLite by default). The
    /// database is brought up to date when the host starts, before any job runs. Needs <c>AddOrders</c>.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, Action<DbContextOptionsBuilder> useStore)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddPooledDbContextFactory<DashboardDbContext>(store =>
        {
            useStore(store);
            store.AddInterceptors(SqliteBusyTimeout.Instance);
        });
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobPlanner>();
        services.AddScoped<IJobService, JobService>();
        services.AddHostedService<StoreMigration>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }
}
