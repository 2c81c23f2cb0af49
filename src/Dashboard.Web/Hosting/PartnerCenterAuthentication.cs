using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace Dashboard.Web.Hosting;

internal static class PartnerCenterAuthenticationSetup
{
    public const string AzureAdSection = "AzureAd";

    /// <summary>
    /// Token acquisition for <c>PartnerCenter:Authentication</c> AppOnly and AppAndUser, through Microsoft.Identity.Web
    /// with the <c>AzureAd</c> settings (checked by <see cref="DashboardSettingsValidator"/>), and the circuit's user for
    /// App+User tokens. StaticToken needs none of it.
    /// </summary>
    public static WebApplicationBuilder AddPartnerCenterAuthentication(this WebApplicationBuilder builder, PartnerCenterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Dashboard.Orders.ICurrentUserAccessor, CircuitUser>();

        if (settings.Tokens is not (PartnerCenterTokens.AppOnly or PartnerCenterTokens.AppAndUser))
        {
            return builder;
        }

        builder.Services.AddTokenAcquisition();
        builder.Services.AddHttpClient();
        if (settings.Tokens == PartnerCenterTokens.AppOnly)
        {
            // App+User tokens are cached by the Entra ID sign-in (Features/Access), in memory or in Redis.
            builder.Services.AddInMemoryTokenCaches();
        }

        builder.Services.AddOptions<MicrosoftIdentityApplicationOptions>().BindConfiguration(AzureAdSection);
        return builder;
    }
}
