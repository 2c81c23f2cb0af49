namespace Dashboard.Orders.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers bulk jobs: <see cref="IJobService"/> for the pages, and the runner that carries jobs out in the
    /// background. Needs <c>AddOrders</c>, and <c>AddDashboardStore</c> before it: jobs live in the dashboard's database,
    /// which is brought up to date before any job runs.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobPlanner>();
        services.AddScoped<IJobService, JobService>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }
}
