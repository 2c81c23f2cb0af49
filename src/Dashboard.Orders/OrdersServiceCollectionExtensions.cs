using System.Security.Claims;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Authentication;
using Dashboard.Orders.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IOrderService"/> and the Partner Center client behind it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="partnerCenterRoot">
    /// Where Partner Center is when the host decides it (the built-in emulator); null means <c>PartnerCenter:BaseUrl</c>.
    /// </param>
    public static IServiceCollection AddOrders(this IServiceCollection services, Func<IServiceProvider, Uri>? partnerCenterRoot = null)
    {
        services.AddPartnerCenterClient(partnerCenterRoot);
        services.TryAddSingleton<IPartnerCenterUserAccessor, CurrentUserForPartnerCenter>();
        services.TryAddSingleton<ICancelAuthorization, NoCancelsAuthorized>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<CustomerNames>();
        services.AddSingleton<OrdersTelemetry>();
        services.AddOptions<Snapshots.OrderSnapshotOptions>().BindConfiguration(Snapshots.OrderSnapshotOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        // One snapshot of a customer's orders for every circuit: in memory, and in Redis as well when the host registers
        // it as the distributed cache. Snapshots of 10,000 orders are several megabytes once serialized.
        services.AddHybridCache(cache => cache.MaximumPayloadBytes = 256 * 1024 * 1024);
        services.AddSingleton(sp =>
        {
            var snapshots = ActivatorUtilities.CreateInstance<Snapshots.OrderSnapshots>(sp);
            if (sp.GetService<Snapshots.SnapshotNotices>() is { } notices)
            {
                snapshots.ShareChangesThrough(notices);
            }

            return snapshots;
        });
        services.TryAddScoped<Activity.ActivityTrail>();
        services.AddScoped<OrderService>();
        services.AddScoped<IOrderService>(sp => sp.GetRequiredService<OrderService>());
        return services;
    }

    /// <summary>
    /// What every instance that uses the same Redis (<paramref name="redis"/>) shares: the Partner Center rate limit of
    /// <paramref name="tenant"/>, one sliding minute for all of them, interactive calls before job calls; and notices of
    /// changed orders, so that a cancel on one instance drops the customer's snapshot on the others.
    /// </summary>
    public static IServiceCollection AddSharedBetweenInstances(
        this IServiceCollection services, Func<IServiceProvider, StackExchange.Redis.IConnectionMultiplexer> redis, string tenant)
    {
        services.AddSharedPartnerCenterRateLimit(redis, tenant);
        services.AddSingleton(sp => new Snapshots.SnapshotNotices(() => redis(sp), tenant, sp.GetRequiredService<ILogger<Snapshots.SnapshotNotices>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Snapshots.SnapshotNotices>());
        return services;
    }

    /// <summary>
    /// The health of what the order desk needs: its store, which must answer, and Partner Center, which is reported as
    /// degraded while it fails, never as unhealthy.
    /// </summary>
    public static IHealthChecksBuilder AddOrdersChecks(this IHealthChecksBuilder checks, params string[] tags) =>
        checks.AddStoreCheck(tags).AddPartnerCenterCheck(tags);

    /// <summary>Hands the host's current user to the Partner Center client, which acquires App+User tokens for them.</summary>
    private sealed class CurrentUserForPartnerCenter(IServiceProvider services) : IPartnerCenterUserAccessor
    {
        public Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken) =>
            services.GetService<ICurrentUserAccessor>() is { } accessor
                ? accessor.GetUserAsync(cancellationToken)
                : Task.FromResult<ClaimsPrincipal?>(null);
    }
}
