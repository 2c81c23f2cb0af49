using Dashboard.Orders;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Dashboard.Web.Hosting;

internal static class SharedStateSetup
{
    /// <summary>
    /// What several instances must share, in Redis (<c>Redis:Configuration</c>, or the older <c>TokenCache:Redis</c>):
    /// the token cache's store, the sign-in sessions, the keys that protect the sign-in cookie (encrypted at rest with
    /// the configured certificate), the Partner Center rate limit of the partner tenant, and notices of changed orders. One connection per
    /// process, made when the notices start listening; a Redis that does not answer then is connected to in the
    /// background, and start-up goes on. Without Redis, all of it stays in this process's memory.
    /// </summary>
    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = builder.Services;
        var shared = settings.SharedState;
        if (shared.Redis is not { } connection)
        {
            services.AddDistributedMemoryCache();
            return builder;
        }

        var redis = new Lazy<IConnectionMultiplexer>(() => Connect(connection));
        services.AddSingleton(_ => redis.Value);
        services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Value);
            cache.InstanceName = "sandbox-order-desk:";
        });
        var keys = services.AddDataProtection()
            .SetApplicationName("sandbox-order-desk")
            .PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), "sandbox-order-desk:data-protection-keys");
        if (shared.LoadCertificate().Certificate is { } certificate)
        {
            // Whoever reads Redis sees the keys only encrypted; without the certificate's private key they forge nothing.
            // (A certificate that cannot be used stops start-up: DashboardSettingsValidator.)
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        // Partner Center's limit is per partner tenant: instances acting for the same tenant share one minute. Instances
        // whose configuration names no tenant share one minute among all of them, which may leave some of a limit unused;
        // (an instance that does name it counts apart from them). Changed orders are announced, so that no instance keeps
        // showing what another one changed.
        services.AddSharedBetweenInstances(_ => redis.Value, settings.PartnerTenantId?.ToString() ?? "unknown-tenant");
        return builder;
    }

    // Redis that is down at the first use, or goes down later, is reconnected in the background rather than given up
    // for good; meanwhile a command fails at once (not after the 5 s timeout in a backlog), and its caller falls back
    // where it can (the rate limit to this instance's own) or says so.
    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(options);
    }
}
