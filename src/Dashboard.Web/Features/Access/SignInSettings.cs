namespace Dashboard.Web.Features.Access;

/// <summary>How people sign in to the dashboard.</summary>
public enum SignInMode
{
    /// <summary>Microsoft Entra ID (OpenID Connect, authorization code), when <c>AzureAd</c> is configured.</summary>
    Entra,

    /// <summary>
    /// The local sign-in page with the configured development users: Development only, without <c>AzureAd</c>, and only
    /// for requests from this machine.
    /// </summary>
    Development,

    /// <summary>Neither is possible: start-up stops with the keys to set.</summary>
    Missing,
}

/// <summary>The <c>AzureAd</c> section and the environment, as sign-in needs them, resolved once at start-up.</summary>
public sealed record SignInSettings
{
    private static readonly string[] EntraKeys = ["TenantId", "ClientId"];

    public required SignInMode Mode { get; init; }

    /// <summary>The <c>AzureAd</c> identity keys that are not set (<c>AzureAd:TenantId</c>, <c>AzureAd:ClientId</c>).</summary>
    public required IReadOnlyList<string> MissingEntraKeys { get; init; }

    /// <summary>Whether <c>AzureAd:ClientCredentials</c> (or the older <c>AzureAd:ClientSecret</c>) holds a credential.</summary>
    public required bool HasCredential { get; init; }

    /// <summary><c>AzureAd:Authority</c> as configured: it wins over Instance and TenantId, so it must name the same tenant.</summary>
    public required string Authority { get; init; }

    /// <summary><c>AzureAd:Instance</c>, the Entra ID authority host.</summary>
    public required string Instance { get; init; }

    /// <summary><c>AzureAd:TenantId</c> as configured (validated to be a GUID when set).</summary>
    public required string TenantIdText { get; init; }

    /// <summary><c>AzureAd:TenantId</c>: the tenant of the app registration, and the one app-only tokens act for.</summary>
    public Guid? TenantId => Guid.TryParse(TenantIdText, out var tenant) ? tenant : null;

    public static SignInSettings Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var azureAd = configuration.GetSection("AzureAd");
        List<string> missing = [.. EntraKeys.Where(k => string.IsNullOrWhiteSpace(azureAd[k])).Select(k => $"AzureAd:{k}")];
        return new SignInSettings
        {
            Mode = missing.Count < EntraKeys.Length ? SignInMode.Entra
                : environment.IsDevelopment() ? SignInMode.Development
                : SignInMode.Missing,
            MissingEntraKeys = missing,
            HasCredential = azureAd.GetSection("ClientCredentials").GetChildren().Any() || !string.IsNullOrWhiteSpace(azureAd["ClientSecret"]),
            Authority = azureAd["Authority"]?.Trim() ?? "",
            Instance = azureAd["Instance"] ?? "https://login.microsoftonline.com/",
            TenantIdText = azureAd["TenantId"]?.Trim() ?? "",
        };
    }
}
