using Dashboard.PartnerCenter.Authentication;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Polly;
using Refit;

namespace Dashboard.PartnerCenter;

public static class PartnerCenterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPartnerCenterApi"/> with its options, token provider, resilience pipeline and request
    /// handler. For <see cref="PartnerCenterAuthentication.AppOnly"/> and <see cref="PartnerCenterAuthentication.AppAndUser"/>
    /// the host registers Microsoft.Identity.Web's <see cref="IAuthorizationHeaderProvider"/>, and for AppAndUser an
    /// <see cref="IPartnerCenterUserAccessor"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceRoot">
    /// Where Partner Center is, when the host decides it (the built-in emulator); null means <c>PartnerCenter:BaseUrl</c>.
    /// </param>
    public static IServiceCollection AddPartnerCenterClient(this IServiceCollection services, Func<IServiceProvider, Uri>? serviceRoot = null)
    {
        services.AddOptions<PartnerCenterOptions>()
            .BindConfiguration(PartnerCenterOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterOptions>, PartnerCenterOptionsValidator>());
        if (serviceRoot is null)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterOptions>, BaseUrlRequired>());
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerCenterRateLimit>();
        services.TryAddSingleton<PartnerCenterHealth>();
        services.AddMetrics();
        services.TryAddSingleton<PartnerCenterTelemetry>();
        services.TryAddScoped<IPartnerCenterTokenProvider>(TokenProviderFor);
        services.AddTransient<PartnerCenterRequestHandler>();

        var root = serviceRoot ?? (sp => sp.GetRequiredService<IOptions<PartnerCenterOptions>>().Value.ServiceRoot()
            ?? throw new InvalidOperationException("PartnerCenter:BaseUrl is not set."));

        var client = services.AddRefitGeneratedClient<IPartnerCenterApi>(_ => new RefitSettings
            {
                ContentSerializer = new SystemTextJsonContentSerializer(PartnerCenterJson.Options),
                // ApiException keeps the live request, Authorization header included: drop it before anything can log it.
                ExceptionRedactor = ex => ex.RequestMessage.Headers.Authorization = null,
            })
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = root(sp);
                // The resilience pipeline owns the timeouts: one per attempt, one for the whole call.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        client.AddResilienceHandler("partner-center", PartnerCenterResilience.Configure);
        client
            // Inside the pipeline: every attempt gets its own token, correlation id and log event.
            .AddHttpMessageHandler<PartnerCenterRequestHandler>()
            // The handler logs every call once. The factory's own logging would add a second event per call, and its
            // Trace-level header data carries the raw Authorization value.
            .RemoveAllLoggers();

        return services;
    }

    /// <summary>
    /// Makes the Partner Center rate limit one that every instance acting for <paramref name="tenant"/> shares, kept in
    /// the Redis that <paramref name="redis"/> connects to (<see cref="RedisSharedPermits"/>).
    /// </summary>
    public static IServiceCollection AddSharedPartnerCenterRateLimit(
        this IServiceCollection services, Func<IServiceProvider, StackExchange.Redis.IConnectionMultiplexer> redis, string tenant)
    {
        services.AddSingleton<ISharedPermits>(sp =>
            new RedisSharedPermits(() => redis(sp), tenant, sp.GetRequiredService<IOptions<PartnerCenterOptions>>()));
        return services;
    }

    /// <summary>
    /// Reports whether Partner Center answers, from the dashboard's own calls: degraded, never unhealthy, while it fails
    /// (<see cref="PartnerCenterHealth"/>).
    /// </summary>
    public static IHealthChecksBuilder AddPartnerCenterCheck(this IHealthChecksBuilder checks, params string[] tags) =>
        checks.Add(new HealthCheckRegistration("partner-center", sp => sp.GetRequiredService<PartnerCenterHealth>(), HealthStatus.Degraded, tags));

    private static IPartnerCenterTokenProvider TokenProviderFor(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PartnerCenterOptions>>().Value.Authentication switch
        {
            PartnerCenterAuthentication.AppOnly => new AppOnlyTokenProvider(services.GetRequiredService<IAuthorizationHeaderProvider>()),
            PartnerCenterAuthentication.AppAndUser => new AppAndUserTokenProvider(
                services.GetRequiredService<IAuthorizationHeaderProvider>(), services.GetRequiredService<IPartnerCenterUserAccessor>()),
            _ => ActivatorUtilities.CreateInstance<StaticTokenProvider>(services),
        };

    private sealed class BaseUrlRequired : IValidateOptions<PartnerCenterOptions>
    {
        public ValidateOptionsResult Validate(string? name, PartnerCenterOptions options) =>
            string.IsNullOrWhiteSpace(options.BaseUrl)
                ? ValidateOptionsResult.Fail("PartnerCenter:BaseUrl is required: the Partner Center service root, e.g. https://api.partnercenter.microsoft.com.")
                : ValidateOptionsResult.Success;
    }
}
