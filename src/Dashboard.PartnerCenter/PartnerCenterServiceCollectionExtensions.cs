using Dashboard.PartnerCenter.Authentication;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Dashboard.PartnerCenter;

public static class PartnerCenterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPartnerCenterApi"/> with its options, token provider and request handler.
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

        services.TryAddSingleton<IPartnerCenterTokenProvider, StaticTokenProvider>();
        services.AddTransient<PartnerCenterRequestHandler>();

        var root = serviceRoot ?? (sp => sp.GetRequiredService<IOptions<PartnerCenterOptions>>().Value.ServiceRoot()
            ?? throw new InvalidOperationException("PartnerCenter:BaseUrl is not set."));

        services.AddRefitGeneratedClient<IPartnerCenterApi>(_ => new RefitSettings
            {
                ContentSerializer = new SystemTextJsonContentSerializer(PartnerCenterJson.Options),
                // ApiException keeps the live request, Authorization header included: drop it before anything can log it.
                ExceptionRedactor = ex => ex.RequestMessage.Headers.Authorization = null,
            })
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = root(sp);
                http.Timeout = sp.GetRequiredService<IOptions<PartnerCenterOptions>>().Value.Timeout;
            })
            .AddHttpMessageHandler<PartnerCenterRequestHandler>()
            // The handler logs every call once. The factory's own logging would add a second event per call, and its
            // Trace-level header data carries the raw Authorization value.
            .RemoveAllLoggers();

        return services;
    }

    private sealed class BaseUrlRequired : IValidateOptions<PartnerCenterOptions>
    {
        public ValidateOptionsResult Validate(string? name, PartnerCenterOptions options) =>
            string.IsNullOrWhiteSpace(options.BaseUrl)
                ? ValidateOptionsResult.Fail("PartnerCenter:BaseUrl is required: the Partner Center service root, e.g. https://api.partnercenter.microsoft.com.")
                : ValidateOptionsResult.Success;
    }
}
