using System.Security.Claims;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>The settings of the production guard, read from the <c>PartnerCenter</c> and <c>AzureAd</c> sections.</summary>
public sealed class SandboxGuardOptions
{
    /// <summary>
    /// The partner tenant of the integration sandbox account (<c>PartnerCenter:SandboxTenantId</c>): the only one the
    /// dashboard cancels for.
    /// </summary>
    public string SandboxTenantId { get; set; } = "";

    /// <summary><c>PartnerCenter:Environment</c> as configured, for the messages.</summary>
    public string Environment { get; set; } = "";

    /// <summary><c>PartnerCenter:Authentication</c>: with AppOnly the dashboard acts for the app's tenant, not the user's.</summary>
    public string Authentication { get; set; } = "StaticToken";

    /// <summary><c>AzureAd:TenantId</c>, the tenant app-only tokens are issued for.</summary>
    public string AppTenantId { get; set; } = "";

    /// <summary>
    /// The <c>tid</c> claim of <c>PartnerCenter:StaticToken</c> when it is a JWT: with a static token, Partner Center
    /// acts for the token's tenant, whoever is signed in. Read without validation; it only has to say which tenant.
    /// </summary>
    public string StaticTokenTenantId { get; set; } = "";
}

/// <summary>
/// Keeps cancels to the integration sandbox. The dashboard cancels only when Partner Center is the built-in emulator,
/// or when <c>PartnerCenter:Environment</c> is <c>IntegrationSandbox</c> and the partner tenant it acts for (the
/// signed-in user's, or the app's with AppOnly) is <c>PartnerCenter:SandboxTenantId</c>. Anything else is refused
/// with the reason, in the UI and in the order service.
/// </summary>
public sealed class SandboxGuard(PartnerCenterConnection connection, IOptions<SandboxGuardOptions> options)
{
    /// <summary>The partner tenant of the built-in emulator, used when no sandbox tenant is configured for it.</summary>
    public const string EmulatorTenantId = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001";

    private const string TenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    private readonly SandboxGuardOptions _options = options.Value;

    /// <summary>The tenant the dashboard may cancel for: the configured one, else the emulator's when it is built in.</summary>
    public string? SandboxTenantId =>
        Guid.TryParse(_options.SandboxTenantId, out var configured) ? configured.ToString()
        : connection.IsBuiltInEmulator ? EmulatorTenantId
        : null;

    /// <summary>Null when a cancel for <paramref name="user"/> may be sent; otherwise why not, fit to show.</summary>
    public string? WhyNot(ClaimsPrincipal? user)
    {
        if (connection.Target == PartnerCenterTarget.Other)
        {
            var environment = string.IsNullOrWhiteSpace(_options.Environment) ? "not set" : $"'{_options.Environment}'";
            return $"Cancelling is turned off: PartnerCenter:Environment is {environment}. The dashboard cancels only in an integration sandbox (PartnerCenter:Environment = IntegrationSandbox).";
        }

        if (SandboxTenantId is not { } sandbox)
        {
            return "Cancelling is turned off: PartnerCenter:SandboxTenantId is not set, so the dashboard cannot tell that it acts for the integration sandbox account.";
        }

        var acting = ActingTenant(user, out var actingAs);
        if (acting is null)
        {
            return $"Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for ({actingAs} has no tenant id).";
        }

        return string.Equals(acting, sandbox, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Cancelling is turned off: the dashboard acts for partner tenant {acting}, which is not the integration sandbox tenant {sandbox} (PartnerCenter:SandboxTenantId).";
    }

    /// <summary>
    /// The partner tenant Partner Center calls are made for: the app's with AppOnly, the static token's with a static
    /// token against a real Partner Center, else the signed-in user's.
    /// </summary>
    private string? ActingTenant(ClaimsPrincipal? user, out string actingAs)
    {
        string? tenant;
        if (string.Equals(_options.Authentication, "AppOnly", StringComparison.OrdinalIgnoreCase))
        {
            (tenant, actingAs) = (_options.AppTenantId, "the app's AzureAd:TenantId");
        }
        else if (!connection.IsBuiltInEmulator && !string.Equals(_options.Authentication, "AppAndUser", StringComparison.OrdinalIgnoreCase))
        {
            (tenant, actingAs) = (_options.StaticTokenTenantId, "PartnerCenter:StaticToken");
        }
        else
        {
            (tenant, actingAs) = (user?.FindFirst("tid")?.Value ?? user?.FindFirst(TenantClaim)?.Value, "the signed-in user");
        }

        return Guid.TryParse(tenant, out var id) ? id.ToString() : null;
    }

    /// <summary>The <c>tid</c> claim of a JWT, read without validating it; null for anything else.</summary>
    public static string? TenantOfToken(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
            return claims.RootElement.TryGetProperty("tid", out var tid) && tid.ValueKind == System.Text.Json.JsonValueKind.String ? tid.GetString() : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
