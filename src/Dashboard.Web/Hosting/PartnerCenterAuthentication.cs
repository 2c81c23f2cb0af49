using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace Dashboard.Web.Hosting;

internal static class PartnerCenterAuthenticationSetup
{
    public const string AzureAdSection = "AzureAd";

    /// <summary>
    /// Token acquisition for <c>PartnerCenter:Authentication</c> AppOnly and AppAndUser, through Microsoft.Identity.Web
    /// with the <c>AzureAd</c> settings, and the circuit's user for App+User tokens. StaticToken needs none of it.
    /// </summary>
    public static WebApplicationBuilder AddPartnerCenterAuthentication(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration["PartnerCenter:Authentication"];
        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Dashboard.Orders.ICurrentUserAccessor, CircuitUser>();

        if (!string.Equals(mode, "AppOnly", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "AppAndUser", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        builder.Services.AddTokenAcquisition();
        builder.Services.AddHttpClient();
        if (string.Equals(mode, "AppOnly", StringComparison.OrdinalIgnoreCase))
        {
            // App+User tokens are cached by the Entra ID sign-in (Features/Access), in memory or in Redis.
            builder.Services.AddInMemoryTokenCaches();
        }

        builder.Services.AddOptions<MicrosoftIdentityApplicationOptions>()
            .BindConfiguration(AzureAdSection)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MicrosoftIdentityApplicationOptions>>(new AzureAdValidator(mode!));
        return builder;
    }

    /// <summary>What Microsoft.Identity.Web needs to acquire Partner Center tokens; every message names the key.</summary>
    private sealed class AzureAdValidator(string mode) : IValidateOptions<MicrosoftIdentityApplicationOptions>
    {
        public ValidateOptionsResult Validate(string? name, MicrosoftIdentityApplicationOptions options)
        {
            var why = $"when PartnerCenter:Authentication is {mode}";
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.TenantId))
            {
                failures.Add($"AzureAd:TenantId is required {why}: the partner's Entra tenant id (the integration sandbox's own tenant).");
            }

            if (string.IsNullOrWhiteSpace(options.ClientId))
            {
                failures.Add($"AzureAd:ClientId is required {why}: the application (client) id of the app registration.");
            }

            if (options.ClientCredentials is null || !options.ClientCredentials.Any())
            {
                failures.Add($"AzureAd:ClientCredentials is required {why}: a client secret or certificate, from user secrets or the environment, never a committed file.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
