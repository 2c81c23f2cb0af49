using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Web.Hosting;

internal static class SharedStateSetup
{
    /// <summary>
    /// The store of sign-in sessions, and with Redis (<c>TokenCache:Redis</c>) what several instances must share: the
    /// token cache's store, the sessions, and the keys that protect the sign-in cookie, encrypted at rest with the
    /// configured certificate. Redis is connected on first use, not at start-up. Without Redis, all of it stays in this
    /// process's memory.
    /// </summary>
    public static IServiceCollection AddSharedState(this IServiceCollection services, SharedStateSettings settings)
    {
        if (settings.Redis is not { } connection)
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        services.AddStackExchangeRedisCache(redis =>
        {
            redis.Configuration = connection;
            redis.InstanceName = "sandbox-order-desk:";
        });
        var redis = new Lazy<StackExchange.Redis.IConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(connection));
        var keys = services.AddDataProtection()
            .SetApplicationName("sandbox-order-desk")
            .PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), "sandbox-order-desk:data-protection-keys");
        if (settings.LoadCertificate().Certificate is { } certificate)
        {
            // Whoever reads Redis sees the keys only encrypted; without the certificate's private key they forge nothing.
            // (A certificate that cannot be used stops start-up: DashboardSettingsValidator.)
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }
}
